import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ImageFormat } from '../domain/image-formats';

/** An uploaded image: who uploaded it, its format and size. Its files are ImageFileEntity rows. */
@Entity({ name: 'images' })
export class ImageEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  format!: ImageFormat;

  @Column({ type: 'int' })
  width!: number;

  @Column({ type: 'int' })
  height!: number;

  @Column({ type: 'text' })
  uploadedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt!: Date;
}
