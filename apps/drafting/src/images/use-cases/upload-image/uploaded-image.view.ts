import { ApiProperty } from '@nestjs/swagger';
import { ImageRendition } from '@newsroom/contracts';
import { extensionOf, IMAGE_FORMATS, type ImageFormat } from '../../domain/image-formats';
import type { StoredImage } from '../../domain/image-store';

/** The fields of an article's image block that the upload fills; the desk adds alt, caption and credit. */
export class UploadedImageBlock {
  @ApiProperty({ enum: ['image'] })
  type!: 'image';

  @ApiProperty({ format: 'uri', description: 'The widest file in the upload\'s own format: `src`, feeds and link previews use it.' })
  url!: string;

  @ApiProperty({ description: 'Width in pixels of the file at `url`.' })
  width!: number;

  @ApiProperty({ description: 'Height in pixels of the file at `url`.' })
  height!: number;

  @ApiProperty({ type: () => [ImageRendition], description: 'The picture as WebP at every width, narrowest first: the page\'s `srcset`.' })
  renditions!: ImageRendition[];
}

export class ImageFileView {
  @ApiProperty({ format: 'uri' })
  url!: string;

  @ApiProperty()
  width!: number;

  @ApiProperty()
  height!: number;

  @ApiProperty({ enum: Object.values(IMAGE_FORMATS).map((format) => format.contentType) })
  contentType!: string;
}

export class UploadedImageView {
  @ApiProperty({ description: 'The image\'s id: a hash of the uploaded bytes, so the same file always gets the same id.', example: '3f2a0c9e8b7d6a5f4e3d2c1b0a998877' })
  id!: string;

  @ApiProperty({ description: 'Width in pixels of the upload, upright (EXIF orientation applied).' })
  originalWidth!: number;

  @ApiProperty({ description: 'Height in pixels of the upload, upright.' })
  originalHeight!: number;

  @ApiProperty({ type: () => UploadedImageBlock, description: 'Insert as an image block of the article body with `alt` (required), `caption` and `credit` added.' })
  block!: UploadedImageBlock;

  @ApiProperty({ type: () => [ImageFileView], description: 'Every stored file.' })
  files!: ImageFileView[];
}

/** Where a file of an image is served: `<base>/v1/images/<id>/<width>.<ext>`. */
export function imageFileUrl(publicBaseUrl: string, id: string, width: number, format: ImageFormat): string {
  return `${publicBaseUrl}/v1/images/${id}/${width}.${extensionOf(format)}`;
}

/** The upload's answer for a stored image (files without bytes are enough). */
export function uploadedImageView(image: Omit<StoredImage, 'files'> & { files: Array<{ width: number; height: number; format: ImageFormat }> }, publicBaseUrl: string): UploadedImageView {
  const files = [...image.files].sort((a, b) => a.width - b.width || a.format.localeCompare(b.format));
  const own = files.filter((file) => file.format === image.format);
  const widest = own[own.length - 1];
  const url = (file: { width: number; format: ImageFormat }) => imageFileUrl(publicBaseUrl, image.id, file.width, file.format);
  return {
    id: image.id,
    originalWidth: image.width,
    originalHeight: image.height,
    block: {
      type: 'image',
      url: url(widest),
      width: widest.width,
      height: widest.height,
      renditions: files.filter((file) => file.format === 'webp').map((file) => ({ url: url(file), width: file.width, height: file.height })),
    },
    files: files.map((file) => ({ url: url(file), width: file.width, height: file.height, contentType: IMAGE_FORMATS[file.format].contentType })),
  };
}
