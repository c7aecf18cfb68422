import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ImageFormat } from '../domain/image-formats';

/** One file of an image (one width in one format), its bytes inline (see PostgresImageStore). */
@Entity({ name: 'image_files' })
export class ImageFileEntity {
  @PrimaryColumn({ type: 'text' })
  imageId!: string;

  @PrimaryColumn({ type: 'int' })
  width!: number;

  @PrimaryColumn({ type: 'text' })
  format!: ImageFormat;

  @Column({ type: 'int' })
  height!: number;

  @Column({ type: 'bytea' })
  bytes!: Buffer;

  @Column({ type: 'text' })
  etag!: string;
}
