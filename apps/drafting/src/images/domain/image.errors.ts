import { DomainError } from '@newsroom/contracts';
import { IMAGE_LIMITS, UPLOAD_CONTENT_TYPES } from './image-formats';

// Its home is the contracts, beside the limit: the desk's proxy refuses an upload over it the same way.
export { imageTooLarge } from '@newsroom/contracts';

export const unsupportedImageType = (received: string | undefined) =>
  new DomainError(
    'IMAGE.UNSUPPORTED_TYPE',
    `Send a JPEG, PNG, WebP or AVIF image with its Content-Type (${UPLOAD_CONTENT_TYPES.join(', ')}), or as the "file" field of a multipart form; got ${received ? `"${received.slice(0, 100)}"` : 'none'}`,
    'unsupported_media_type',
    { accepted: UPLOAD_CONTENT_TYPES },
  );

export const emptyImage = () => new DomainError('IMAGE.EMPTY', 'The request carries no image', 'validation');

export const unreadableImage = (reason: string) => new DomainError('IMAGE.UNREADABLE', `The file is not a readable JPEG, PNG, WebP or AVIF image: ${reason}`, 'validation');

export const imageTypeMismatch = (declared: string, actual: string) =>
  new DomainError('IMAGE.TYPE_MISMATCH', `The file was sent as ${declared} but is ${actual}`, 'validation', { declared, actual });

export const tooManyPixels = (width: number, height: number) =>
  new DomainError(
    'IMAGE.TOO_MANY_PIXELS',
    `The image is ${width} × ${height} pixels; at most ${IMAGE_LIMITS.maxPixels / 1_000_000} megapixels are accepted`,
    'validation',
    { width, height, maxPixels: IMAGE_LIMITS.maxPixels },
  );

export const imageNotFound = () => new DomainError('IMAGE.NOT_FOUND', 'No such image', 'not_found');

export const multipartInvalid = (reason: string) => new DomainError('IMAGE.FORM_INVALID', `Send one image as the form field "file" and nothing else: ${reason}`, 'validation');
