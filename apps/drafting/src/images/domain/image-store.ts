import type { ImageFormat } from './image-formats';

/** One stored file of an image: the picture at one width in one format. */
export interface ImageFile {
  width: number;
  height: number;
  format: ImageFormat;
  bytes: Buffer;
  /** A strong validator of `bytes` (an HTTP entity tag, quoted). */
  etag: string;
}

/** An uploaded image with every file made from it. */
export interface StoredImage {
  /** imageIdOf the upload. */
  id: string;
  /** The upload's format; its files are kept in this format and as WebP. */
  format: ImageFormat;
  /** The picture's size after orientation, before any resizing. */
  width: number;
  height: number;
  uploadedBy: string;
  files: ImageFile[];
}

/**
 * Where image files are kept: the one seam between the upload and its storage. Drafting keeps
 * them in its own PostgreSQL schema (PostgresImageStore), which needs nothing more to run and
 * stores an image in the same transaction as its record. A deployment with many or large
 * images puts an object store behind this port instead (S3, GCS, MinIO: one object per file
 * under `<id>/<width>.<ext>`, served by a CDN), so the database and its backups stay small.
 */
export abstract class ImageStore {
  /** Stores `image` and its files; an image with the same id already stored stays as it is. */
  abstract save(image: StoredImage): Promise<void>;

  /** The image's metadata and the sizes of its files (no bytes); null when unknown. */
  abstract describe(id: string): Promise<Omit<StoredImage, 'files'> & { files: Omit<ImageFile, 'bytes' | 'etag'>[] } | null>;

  /** One file; null when the image or that width/format is unknown. */
  abstract file(id: string, width: number, format: ImageFormat): Promise<ImageFile | null>;
}
