import { Module, type DynamicModule } from '@nestjs/common';
import { IMAGES_CONFIG, type ImagesConfig } from '../config/drafting.config';
import { ImageStore } from './domain/image-store';
import { PostgresImageStore } from './persistence/postgres-image-store';
import { ImagePipeline } from './processing/image-pipeline';
import { ImagesHttpController } from './transport/images.http.controller';
import { ReadImageQuery } from './use-cases/read-image/read-image.query';
import { UploadImageUseCase } from './use-cases/upload-image/upload-image.use-case';

/** The providers of image upload and serving, without HTTP: the use-case specs use these. */
export function imageProviders(config: ImagesConfig) {
  return [
    { provide: IMAGES_CONFIG, useValue: config },
    // The one place that chooses where image files live (see ImageStore).
    { provide: ImageStore, useClass: PostgresImageStore },
    ImagePipeline,
    UploadImageUseCase,
    ReadImageQuery,
  ];
}

/** Pictures for articles: uploaded by the desk, resized and re-encoded, served at immutable URLs. */
@Module({})
export class ImagesModule {
  static register(config: ImagesConfig): DynamicModule {
    return { module: ImagesModule, controllers: [ImagesHttpController], providers: imageProviders(config) };
  }
}
