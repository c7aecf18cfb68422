import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import sharp, { type Sharp } from 'sharp';
import { IMAGE_LIMITS, renditionWidths, type ImageFormat } from '../domain/image-formats';
import { imageTypeMismatch, tooManyPixels, unreadableImage, unsupportedImageType } from '../domain/image.errors';
import type { ImageFile } from '../domain/image-store';

/** What the pipeline made of an upload. */
export interface ProcessedImage {
  format: ImageFormat;
  /** Size after orientation, before resizing. */
  width: number;
  height: number;
  files: ImageFile[];
}

/** Formats sharp reports, mapped to ours (`heif` is what libvips calls AVIF). */
const DECODED_FORMATS: Partial<Record<string, ImageFormat>> = { jpeg: 'jpeg', png: 'png', webp: 'webp', heif: 'avif' };

/**
 * Encoder settings: quality near what photo desks use for the web. AVIF at low effort, because
 * encoding it is slow and uploads wait for it.
 */
function encode(pipeline: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality: 82, progressive: true, mozjpeg: false });
    case 'png':
      return pipeline.png({ compressionLevel: 7 });
    case 'webp':
      return pipeline.webp({ quality: 80 });
    case 'avif':
      return pipeline.avif({ quality: 55, effort: 2 });
  }
}

/**
 * Turns an upload into the files pages serve (sharp over libvips):
 * 1. reads the header only: the format must be one we take and match the declared one, and
 *    width × height at most IMAGE_LIMITS.maxPixels (a decompression bomb is refused before
 *    a pixel is decoded; sharp's own `limitInputPixels` is the second fence);
 * 2. decodes once, applies the EXIF orientation to the pixels, converts to sRGB and shrinks to
 *    the largest width needed;
 * 3. encodes every width of `renditionWidths` as WebP and in the upload's own format.
 * Output files carry no metadata at all (sharp writes none unless asked): no EXIF, so no GPS
 * position or camera serial leaves the newsroom. A truncated or corrupt file fails with
 * IMAGE.UNREADABLE, never a 500.
 */
@Injectable()
export class ImagePipeline {
  async process(bytes: Buffer, declared?: ImageFormat): Promise<ProcessedImage> {
    const { format, width, height } = await this.inspect(bytes, declared);
    const master = await this.decode(bytes);
    const files: ImageFile[] = [];
    for (const renditionWidth of renditionWidths(master.info.width)) {
      for (const output of format === 'webp' ? (['webp'] as const) : (['webp', format] as const)) {
        files.push(await this.render(master, renditionWidth, output));
      }
    }
    return { format, width, height, files };
  }

  private async inspect(bytes: Buffer, declared: ImageFormat | undefined): Promise<{ format: ImageFormat; width: number; height: number }> {
    const metadata = await readable(() => sharp(bytes, { limitInputPixels: false }).metadata());
    const format = DECODED_FORMATS[metadata.format ?? ''];
    const actual = metadata.format === 'heif' ? (metadata.compression ?? 'heif') : (metadata.format ?? 'unknown');
    if (declared && format !== declared) throw imageTypeMismatch(declared, actual);
    if (!format) throw unsupportedImageType(`a ${actual} file`);
    // autoOrient.width/height: the size after applying the EXIF orientation.
    const { width, height } = metadata.autoOrient ?? metadata;
    if (!width || !height) throw unreadableImage('it has no size');
    if (width * height > IMAGE_LIMITS.maxPixels) throw tooManyPixels(width, height);
    return { format, width, height };
  }

  /** The picture upright, in sRGB, no wider than the largest rendition, as raw pixels. */
  private async decode(bytes: Buffer): Promise<Master> {
    const largest = IMAGE_LIMITS.widths[IMAGE_LIMITS.widths.length - 1];
    const { data, info } = await readable(() =>
      sharp(bytes, { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: 'truncated', sequentialRead: true })
        .autoOrient()
        .resize({ width: largest, withoutEnlargement: true })
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true }),
    );
    return { data, info: { width: info.width, height: info.height, channels: info.channels as Master['info']['channels'] } };
  }

  private async render(master: Master, width: number, format: ImageFormat): Promise<ImageFile> {
    const pipeline = sharp(master.data, { raw: master.info }).resize({ width, withoutEnlargement: true });
    const { data, info } = await encode(pipeline, format).toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, format, bytes: data, etag: `"${createHash('sha256').update(data).digest('base64url').slice(0, 32)}"` };
  }
}

interface Master {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/** Runs a libvips step; its failures (not an image, truncated, corrupt) are the upload's fault. */
async function readable<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw unreadableImage(message.replace(/^Input (buffer|file) /, '').slice(0, 200));
  }
}
