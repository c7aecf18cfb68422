import { createHash } from 'node:crypto';
import { MESSAGE_LIMITS } from '@newsroom/contracts';

/** The formats a newsroom image may arrive in; each is also kept in its own format. */
export const IMAGE_FORMATS = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  webp: { contentType: 'image/webp', extension: 'webp' },
  avif: { contentType: 'image/avif', extension: 'avif' },
} as const;

export type ImageFormat = keyof typeof IMAGE_FORMATS;

export const IMAGE_FORMAT_NAMES = Object.keys(IMAGE_FORMATS) as ImageFormat[];

export const UPLOAD_CONTENT_TYPES: readonly string[] = IMAGE_FORMAT_NAMES.map((format) => IMAGE_FORMATS[format].contentType);

export const IMAGE_LIMITS = {
  /** An uploaded file, in bytes (15 MiB): a full-resolution camera JPEG fits. */
  maxBytes: MESSAGE_LIMITS.imageUploadBytes,
  /**
   * Decoded pixels (width × height) of an upload: 50 megapixels, a high-end camera's frame.
   * The header says how big a picture decodes before it is decoded; a few kilobytes of PNG can
   * claim gigapixels (a decompression bomb), so the check comes first.
   */
  maxPixels: 50_000_000,
  /**
   * The `srcset` widths, in pixels: a phone, a phone at 2x, the 672 px text column at 1.5x,
   * and at 2x plus a little. A picture is never enlarged: it gets the widths below its own and
   * its own width (up to the largest).
   */
  widths: [320, 640, 1024, 1600],
} as const;

/** The file extension of a format in image URLs (`jpg`, `png`, `webp`, `avif`). */
export function extensionOf(format: ImageFormat): string {
  return IMAGE_FORMATS[format].extension;
}

/** The format an extension of an image URL names, if any. */
export function formatOfExtension(extension: string): ImageFormat | undefined {
  return IMAGE_FORMAT_NAMES.find((format) => IMAGE_FORMATS[format].extension === extension);
}

/** The format a media type names (`image/jpeg` → `jpeg`), parameters ignored; undefined for any other. */
export function formatOfContentType(contentType: string | undefined): ImageFormat | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return IMAGE_FORMAT_NAMES.find((format) => IMAGE_FORMATS[format].contentType === type);
}

/**
 * The widths a picture `width` pixels wide is kept in, narrowest first: every standard width
 * narrower than it, then its own width capped at the largest standard one. Never wider than the
 * picture: enlarging adds bytes, not detail.
 */
export function renditionWidths(width: number): number[] {
  const largest = IMAGE_LIMITS.widths[IMAGE_LIMITS.widths.length - 1];
  const top = Math.min(width, largest);
  return [...IMAGE_LIMITS.widths.filter((standard) => standard < top), top];
}

/**
 * Bumped whenever processing changes what the stored files look like (sizes, quality,
 * formats): the same upload then gets a new id, so a URL cached as immutable never changes.
 */
export const PROCESSING_VERSION = 1;

/**
 * An image's id: the first 128 bits of SHA-256 over the uploaded bytes and the processing
 * version, as 32 hex digits. The same upload gets the same id, so re-uploading is harmless
 * and every URL names exactly one content.
 */
export function imageIdOf(bytes: Buffer): string {
  return createHash('sha256').update(`newsroom-image-v${PROCESSING_VERSION}\n`).update(bytes).digest('hex').slice(0, 32);
}

/** What an image id looks like (imageIdOf). */
export const IMAGE_ID_PATTERN = /^[0-9a-f]{32}$/;
