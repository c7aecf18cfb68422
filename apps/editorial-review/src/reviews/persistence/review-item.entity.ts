import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ReviewStatus } from '../domain/review-status';

/** One article under review; the row every command locks. */
@Entity({ name: 'review_items' })
@Index('review_items_queue_idx', ['status', 'submittedAt', 'articleId'])
export class ReviewItemEntity {
  @PrimaryColumn({ type: 'uuid' })
  articleId!: string;

  @Column({ type: 'text' })
  authorId!: string;

  @Column({ type: 'text' })
  status!: ReviewStatus;

  @Column({ type: 'text', nullable: true })
  assigneeId!: string | null;

  @Column({ type: 'int' })
  currentRevision!: number;

  @Column({ type: 'int', nullable: true })
  reviewedRevision!: number | null;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'timestamptz' })
  firstSubmittedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The current revision's headline, section and check counts, denormalised for the queue. */
  @Column({ type: 'text' })
  headline!: string;

  @Column({ type: 'text' })
  section!: string;

  @Column({ type: 'int' })
  checkErrors!: number;

  @Column({ type: 'int' })
  checkWarnings!: number;

  /** The current revision's length in words (bodyWordCount), for the queue. */
  @Column({ type: 'int', default: 0 })
  wordCount!: number;

  /**
   * W3C traceparent of the span that stored the current submission (the consumer of drafting's
   * event): an editor's decision runs in a span under it, so the story's trace continues from
   * the reporter's submit. Null for reviews submitted before it was kept.
   */
  @Column({ type: 'text', nullable: true })
  submissionTraceparent!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
