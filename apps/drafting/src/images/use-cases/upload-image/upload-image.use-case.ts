import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import { IMAGES_CONFIG, type ImagesConfig } from '../../../config/drafting.config';
import { IMAGE_LIMITS, imageIdOf } from '../../domain/image-formats';
import { emptyImage, imageTooLarge } from '../../domain/image.errors';
import { ImageStore } from '../../domain/image-store';
import { ImagePipeline } from '../../processing/image-pipeline';
import type { UploadImageCommand } from './upload-image.command';
import { uploadedImageView, type UploadedImageView } from './uploaded-image.view';

/**
 * Stores an uploaded picture as the files article pages serve (ImagePipeline) and answers with
 * the image block's fields. The same bytes uploaded again get the stored image back without
 * being processed twice. Errors: IMAGE.EMPTY, IMAGE.TOO_LARGE (413), IMAGE.TYPE_MISMATCH,
 * IMAGE.UNREADABLE, IMAGE.TOO_MANY_PIXELS (400).
 */
@Injectable()
export class UploadImageUseCase {
  constructor(
    private readonly pipeline: ImagePipeline,
    private readonly store: ImageStore,
    private readonly unitOfWork: UnitOfWork,
    @Inject(IMAGES_CONFIG) private readonly config: ImagesConfig,
  ) {}

  /** `bytes`: the file as uploaded (see UploadImageCommand for why it travels apart). */
  async execute(command: UploadImageCommand, bytes: Buffer): Promise<UploadedImageView> {
    if (bytes.length === 0) throw emptyImage();
    if (bytes.length > IMAGE_LIMITS.maxBytes) throw imageTooLarge();
    const id = imageIdOf(bytes);
    const known = await this.store.describe(id);
    if (known) return uploadedImageView(known, this.config.publicBaseUrl);
    // Decoding and encoding take up to seconds: done before the transaction, which then only writes.
    const processed = await this.pipeline.process(bytes, command.format);
    const image = { id, uploadedBy: command.uploadedBy, ...processed };
    await this.unitOfWork.run(() => this.store.save(image));
    return uploadedImageView(image, this.config.publicBaseUrl);
  }
}
