import { Injectable } from '@nestjs/common';
import { formatOfExtension, IMAGE_FORMATS, IMAGE_ID_PATTERN } from '../../domain/image-formats';
import { imageNotFound } from '../../domain/image.errors';
import { ImageStore, type ImageFile } from '../../domain/image-store';

/** One file of an image, by the parts of its public URL. */
@Injectable()
export class ReadImageQuery {
  constructor(private readonly store: ImageStore) {}

  /** The file `<width>.<extension>` of image `id`; IMAGE.NOT_FOUND (404) for anything not stored. */
  async file(id: string, width: string, extension: string): Promise<ImageFile & { contentType: string }> {
    const format = formatOfExtension(extension);
    const pixels = /^[1-9]\d{0,4}$/.test(width) ? Number(width) : undefined;
    if (!IMAGE_ID_PATTERN.test(id) || !format || pixels === undefined) throw imageNotFound();
    const file = await this.store.file(id, pixels, format);
    if (!file) throw imageNotFound();
    return { ...file, contentType: IMAGE_FORMATS[format].contentType };
  }
}
