import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ArticleContent, Priority } from '@newsroom/contracts';
import type { PublicationStatus } from '../domain/publication-status';

/**
 * The public read model of one article: its live revision, a newer approved revision that
 * may be waiting for its time (`due_at`), and what editors did to it since.
 */
@Entity({ name: 'articles' })
@Index('articles_live_idx', ['status', 'publishedAt'])
export class ArticleEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', nullable: true, unique: true })
  slug!: string | null;

  @Column({ type: 'text' })
  status!: PublicationStatus;

  /** The live revision; null until the first publication. */
  @Column({ type: 'int', nullable: true })
  revision!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  content!: ArticleContent | null;

  @Column({ type: 'text', nullable: true })
  priority!: Priority | null;

  /**
   * The live revision's text as approved, while corrections have changed `content`; null
   * otherwise. Internal: never served, so the read side's queries leave it out (`select: false`);
   * the write side's statements list every column themselves.
   */
  @Column({ type: 'jsonb', nullable: true, select: false })
  liveAsApproved!: ArticleContent | null;

  /** When the first correction the live text differs from `liveAsApproved` by was made; null with it. */
  @Column({ type: 'timestamptz', nullable: true })
  liveCorrectedSince!: Date | null;

  /** Copied from the live content so lists filter on indexed columns. */
  @Column({ type: 'text', nullable: true })
  section!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** The live text's language, copied out with the section. */
  @Column({ type: 'text', nullable: true })
  language!: string | null;

  /** Slugs of the live text's bylines, for author pages. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  authorSlugs!: string[];

  /**
   * The PostgreSQL text search configuration of the live text's language, the headline as
   * search reads it, the text search reads besides the headline (snippets are cut from it) and
   * the byline names, all as toSearchText stores text. A trigger builds `search_document` from
   * them while the article is live; all are null otherwise.
   */
  @Column({ type: 'text', nullable: true })
  searchConfig!: string | null;

  @Column({ type: 'text', nullable: true })
  searchHeadline!: string | null;

  @Column({ type: 'text', nullable: true })
  searchText!: string | null;

  @Column({ type: 'text', nullable: true })
  searchBylines!: string | null;

  /** The words of the headline, text and bylines that read differently without accents, folded (searchableWithoutAccents); never shown. */
  @Column({ type: 'text', nullable: true })
  searchFolded!: string | null;

  @Column({ type: 'int', nullable: true })
  pendingRevision!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  pendingContent!: ArticleContent | null;

  @Column({ type: 'text', nullable: true })
  pendingPriority!: Priority | null;

  /** The pending revision's own schedule and embargo; `due_at` is the later of them. */
  @Column({ type: 'timestamptz', nullable: true })
  pendingPublishAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  pendingEmbargoUntil!: Date | null;

  /** When the pending revision goes live; the scheduler polls this. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  /** When an update last replaced the live text. */
  @Column({ type: 'timestamptz', nullable: true })
  revisedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  correctedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  approvedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawnBy!: string | null;

  /** A kill (legal removal): internal, never served. */
  @Column({ type: 'timestamptz', nullable: true })
  killedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  killedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  killReason!: string | null;

  /** The last cancellation of a waiting revision. */
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelledBy!: string | null;

  @Column({ type: 'int', nullable: true })
  cancelledRevision!: number | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
