import type { ArticleContent, Priority } from '@newsroom/contracts';
import { articleNotPublished } from './article.errors';
import type { PublicationStatus } from './publication-status';

/** One approved revision of an article, exactly as the editor approved it. */
export interface ArticleRevision {
  revision: number;
  content: ArticleContent;
  priority: Priority;
}

/** An approved revision waiting for its time; `dueAt` may already have passed. */
export interface PendingRevision extends ArticleRevision {
  dueAt: Date;
}

export interface Approval extends ArticleRevision {
  approvedAt: Date;
  /** Null: it may go live at once. */
  dueAt: Date | null;
}

export interface Withdrawal {
  at: Date;
  reason: string;
  editorId: string;
}

export interface PublishedArticleState {
  id: string;
  status: PublicationStatus;
  /** Fixed at first publication, never changed afterwards: links must keep working. */
  slug: string | null;
  /** What readers see; null until the first publication. */
  live: ArticleRevision | null;
  pending: PendingRevision | null;
  /** Bumped on every change readers can see: publication, update, correction, withdrawal. */
  version: number;
  /** First publication. */
  publishedAt: Date | null;
  /** Last change readers can see. */
  updatedAt: Date | null;
  correctedAt: Date | null;
  /** When the newest accepted approval was given. */
  approvedAt: Date;
  withdrawal: Withdrawal | null;
}

export type ApprovalOutcome =
  /** An older (or the same) revision than one already accepted: redelivered or overtaken. */
  | { kind: 'ignored'; reason: 'stale-revision' }
  /** Approved before an editor withdrew the article: the withdrawal is the later decision. */
  | { kind: 'ignored'; reason: 'withdrawn-later' }
  | { kind: 'due' }
  | { kind: 'scheduled'; dueAt: Date };

export type PublicationKind = 'first-publication' | 'update' | 'republication';

/**
 * The public life of one article: which approved revision is live, which one waits for its
 * time, and what editors may still do to it. Pure rules, no I/O.
 *
 * Approvals arrive from editorial review; only a revision newer than every one already
 * accepted counts, so a redelivered or out-of-order approval never brings back older text.
 */
export class PublishedArticle {
  constructor(readonly state: PublishedArticleState) {}

  /** A first approval: the article exists here from now on, waiting to go live. */
  static fromApproval(id: string, approval: Approval, now: Date): PublishedArticle {
    return new PublishedArticle({
      id,
      status: 'scheduled',
      slug: null,
      live: null,
      pending: toPending(approval, now),
      version: 0,
      publishedAt: null,
      updatedAt: null,
      correctedAt: null,
      approvedAt: approval.approvedAt,
      withdrawal: null,
    });
  }

  get id(): string {
    return this.state.id;
  }

  get isLive(): boolean {
    return this.state.status === 'published';
  }

  /** The newest revision accepted, live or waiting. */
  get latestRevision(): number {
    return Math.max(this.state.live?.revision ?? 0, this.state.pending?.revision ?? 0);
  }

  /** True when a slug must be chosen before the pending revision can go live. */
  get needsSlug(): boolean {
    return this.state.slug === null;
  }

  isDue(now: Date): boolean {
    return this.state.pending !== null && this.state.pending.dueAt.getTime() <= now.getTime();
  }

  /**
   * Takes a newer approved revision. It replaces any revision still waiting (the newer
   * approval wins even if it is due later); the live revision stays until the new one is due.
   */
  accept(approval: Approval, now: Date): ApprovalOutcome {
    if (approval.revision <= this.latestRevision) return { kind: 'ignored', reason: 'stale-revision' };
    const withdrawal = this.state.withdrawal;
    if (this.state.status === 'withdrawn' && withdrawal && withdrawal.at.getTime() >= approval.approvedAt.getTime()) {
      return { kind: 'ignored', reason: 'withdrawn-later' };
    }
    this.state.pending = toPending(approval, now);
    this.state.approvedAt = approval.approvedAt;
    return approval.dueAt ? { kind: 'scheduled', dueAt: approval.dueAt } : { kind: 'due' };
  }

  /**
   * Makes the pending revision public. The first publication fixes the slug and the
   * publication time; later ones replace the text and keep both.
   */
  goLive(now: Date, slug?: string): PublicationKind {
    const pending = this.state.pending;
    if (!pending) throw new Error(`article ${this.id} has no pending revision to publish`);
    const kind: PublicationKind = this.state.live === null ? 'first-publication' : this.state.status === 'withdrawn' ? 'republication' : 'update';
    if (this.state.slug === null) {
      if (!slug) throw new Error(`article ${this.id} needs a slug for its first publication`);
      this.state.slug = slug;
    }
    this.state.live = { revision: pending.revision, content: pending.content, priority: pending.priority };
    this.state.pending = null;
    this.state.status = 'published';
    this.state.withdrawal = null;
    this.state.publishedAt ??= now;
    this.state.updatedAt = now;
    this.state.version += 1;
    return kind;
  }

  /** Replaces the live text with a corrected one; the revision number stays the approved one. */
  correct(content: ArticleContent, now: Date): void {
    const live = this.assertLive();
    live.content = content;
    this.state.correctedAt = now;
    this.state.updatedAt = now;
    this.state.version += 1;
  }

  /** Takes the article down. A revision still waiting is dropped: it must not bring it back. */
  unpublish(reason: string, editorId: string, now: Date): void {
    this.assertLive();
    this.state.status = 'withdrawn';
    this.state.withdrawal = { at: now, reason, editorId };
    this.state.pending = null;
    this.state.updatedAt = now;
    this.state.version += 1;
  }

  private assertLive(): ArticleRevision {
    if (this.state.status !== 'published' || !this.state.live) throw articleNotPublished(this.id, this.state.status);
    return this.state.live;
  }
}

function toPending(approval: Approval, now: Date): PendingRevision {
  return { revision: approval.revision, content: approval.content, priority: approval.priority, dueAt: approval.dueAt ?? now };
}
