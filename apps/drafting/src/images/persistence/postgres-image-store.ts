import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import type { ImageFormat } from '../domain/image-formats';
import { ImageStore, type ImageFile, type StoredImage } from '../domain/image-store';
import { ImageFileEntity } from './image-file.entity';
import { ImageEntity } from './image.entity';

/**
 * Image files as `bytea` rows in drafting's own schema. Chosen to start with because it needs
 * no other service: the image and its files commit in one transaction, backups and the
 * per-suite test databases carry them, and one image is about 1 MB across its files. Its cost
 * is that every file read passes through the service and the database; a newsroom that
 * uploads thousands of pictures a day binds ImageStore to an object store with a CDN instead.
 */
@Injectable()
export class PostgresImageStore extends ImageStore {
  constructor(private readonly unitOfWork: UnitOfWork) {
    super();
  }

  async save(image: StoredImage): Promise<void> {
    const manager = this.unitOfWork.requireActive('PostgresImageStore.save');
    // The id is a content hash: a row already there holds the same image and its files.
    const inserted: unknown[] = await manager.query(
      `INSERT INTO images (id, format, width, height, uploaded_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [image.id, image.format, image.width, image.height, image.uploadedBy],
    );
    if (inserted.length === 0) return;
    await manager.insert(
      ImageFileEntity,
      image.files.map((file) => ({ imageId: image.id, ...file })),
    );
  }

  async describe(id: string): ReturnType<ImageStore['describe']> {
    const manager = this.unitOfWork.manager;
    const image = await manager.findOneBy(ImageEntity, { id });
    if (!image) return null;
    const files = await manager.find(ImageFileEntity, { where: { imageId: id }, select: { width: true, height: true, format: true }, order: { width: 'ASC', format: 'ASC' } });
    return { id, format: image.format, width: image.width, height: image.height, uploadedBy: image.uploadedBy, files: files.map(({ width, height, format }) => ({ width, height, format })) };
  }

  async file(id: string, width: number, format: ImageFormat): Promise<ImageFile | null> {
    const row = await this.unitOfWork.manager.findOneBy(ImageFileEntity, { imageId: id, width, format });
    return row ? { width: row.width, height: row.height, format: row.format, bytes: row.bytes, etag: row.etag } : null;
  }
}
