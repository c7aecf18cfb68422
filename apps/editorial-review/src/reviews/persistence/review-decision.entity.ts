import { Column, Entity, Index } from 'typeorm';
import type { Priority } from '@newsroom/contracts';
import type { DecisionKind } from '../domain/review-status';
import { EditorEntryColumns } from './editor-entry.columns';

/** A change request, approval or rejection, with what the editor said and decided. */
@Entity({ name: 'review_decisions' })
@Index('review_decisions_article_idx', ['articleId', 'decidedAt'])
export class ReviewDecisionEntity extends EditorEntryColumns {
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
