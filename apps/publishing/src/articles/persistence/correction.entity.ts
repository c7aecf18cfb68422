import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The public corrections log: every correction an editor made to a live article. */
@Entity({ name: 'corrections' })
@Index('corrections_article_idx', ['articleId', 'correctedAt'])
export class CorrectionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  articleId!: string;

  /** The note readers see under the article and on /corrections. */
  @Column({ type: 'text' })
  note!: string;

  @Column({ type: 'text' })
  editorId!: string;

  @Column({ type: 'timestamptz' })
  correctedAt!: Date;

  /** The approved revision the correction was applied to. */
  @Column({ type: 'int' })
  revision!: number;

  /** Top-level article fields the correction changed; empty for a note-only correction. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  changedFields!: string[];
}
