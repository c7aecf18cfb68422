import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ArticleContent } from '@newsroom/contracts';
import type { DraftStatus } from '../domain/draft-status';

@Entity({ name: 'drafts' })
@Index('drafts_author_updated_idx', ['authorId', 'updatedAt'])
export class DraftEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  authorId!: string;

  @Column({ type: 'text' })
  status!: DraftStatus;

  @Column({ type: 'int' })
  version!: number;

  /** The current revision's content, denormalised for listing and reading. */
  @Column({ type: 'jsonb' })
  content!: ArticleContent;

  @Column({ type: 'int', nullable: true })
  statusRevision!: number | null;

  @Column({ type: 'int', nullable: true })
  submittedRevision!: number | null;

  @Column({ type: 'text', nullable: true })
  publicUrl!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishAt!: Date | null;

  /** The live revision the last published correction was about; null before any correction. */
  @Column({ type: 'int', nullable: true })
  correctedRevision!: number | null;

  /** That revision's live text as the correction left it: the text the next correction replaces. */
  @Column({ type: 'jsonb', nullable: true })
  correctedContent!: ArticleContent | null;

  /** When its reporter spiked it; null while it is not spiked. */
  @Column({ type: 'timestamptz', nullable: true })
  spikedAt!: Date | null;

  /** The editor who claimed or took over the story last (the one who may sub-edit it in review); null before any claim. */
  @Column({ type: 'text', nullable: true })
  reviewerId!: string | null;

  /** When that claim was made: a claim reported late never displaces a later one. */
  @Column({ type: 'timestamptz', nullable: true })
  reviewerSince!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
