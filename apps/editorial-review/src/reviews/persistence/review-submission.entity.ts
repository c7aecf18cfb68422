import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ArticleContent, CheckResult } from '@newsroom/contracts';
import type { RevisionDiff } from '../domain/revision-diff';

/** A submitted revision exactly as drafting sent it, with its check results; immutable once written. */
@Entity({ name: 'review_submissions' })
export class ReviewSubmissionEntity {
  @PrimaryColumn({ type: 'uuid' })
  articleId!: string;

  @PrimaryColumn({ type: 'int' })
  revision!: number;

  @Column({ type: 'text' })
  authorId!: string;

  /** For a sub-edit: the editor who edited the text under review into this revision; null when its reporter submitted it. */
  @Column({ type: 'text', nullable: true })
  editedBy!: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'jsonb' })
  article!: ArticleContent;

  @Column({ type: 'jsonb' })
  checks!: CheckResult[];

  /** The revision `diff` compares this one with: the one an editor reviewed last. */
  @Column({ type: 'int', nullable: true })
  diffAgainst!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  diff!: RevisionDiff | null;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
