import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Priority } from '@newsroom/contracts';
import type { DecisionKind } from '../domain/review-status';

/** A change request, approval or rejection, with what the editor said and decided. */
@Entity({ name: 'review_decisions' })
@Index('review_decisions_article_idx', ['articleId', 'decidedAt'])
export class ReviewDecisionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  articleId!: string;

  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'text' })
  editorId!: string;

  @Column({ type: 'text' })
  kind!: DecisionKind;

  /** The change request note or the rejection reason. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  embargoUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  priority!: Priority | null;

  @Column({ type: 'timestamptz' })
  decidedAt!: Date;
}
