import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ArticleContent } from '@newsroom/contracts';

/** Every saved version of a draft, immutable once written. */
@Entity({ name: 'draft_revisions' })
export class RevisionEntity {
  @PrimaryColumn({ type: 'uuid' })
  draftId!: string;

  @PrimaryColumn({ type: 'int' })
  number!: number;

  @Column({ type: 'jsonb' })
  content!: ArticleContent;

  @Column({ type: 'text' })
  authorId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
