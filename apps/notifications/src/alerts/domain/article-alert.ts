import type { Priority } from '@newsroom/contracts';

/** Alerts are news: an article first seen this long after it was published alerts nobody. */
export const MAX_ALERT_AGE_MS = 24 * 3600 * 1000;

export interface AlertContent {
  revision: number;
  headline: string;
  standfirst: string | null;
  url: string;
  section: string;
  tags: string[];
  priority: Priority;
}

export interface ArticleAlertState {
  articleId: string;
  /** Null until a published or corrected event said what the article is. */
  content: AlertContent | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  fannedOutAt: Date | null;
}

export type FanOutDecision = { fanOut: true } | { fanOut: false; reason: 'withdrawn' | 'stale' | 'already-alerted' };

/**
 * One article as the alerts see it: what an alert says, and whether subscribers
 * are alerted. Subscribers are alerted once per article: the first publication
 * fans out; corrections refresh what unsent alerts will say but alert nobody;
 * a withdrawal cancels what was not sent yet. Pure rules, no I/O.
 */
export class ArticleAlert {
  constructor(readonly state: ArticleAlertState) {}

  static unknown(articleId: string): ArticleAlert {
    return new ArticleAlert({ articleId, content: null, publishedAt: null, withdrawnAt: null, fannedOutAt: null });
  }

  published(content: AlertContent, publishedAt: Date, now: Date): FanOutDecision {
    this.takeContentIfNewer(content);
    const { withdrawnAt } = this.state;
    // A withdrawal this publication does not postdate (events replayed out of order): stay quiet.
    if (withdrawnAt && withdrawnAt.getTime() >= publishedAt.getTime()) return { fanOut: false, reason: 'withdrawn' };
    const republished = withdrawnAt !== null;
    this.state.withdrawnAt = null;
    this.state.publishedAt = publishedAt;
    if (this.state.fannedOutAt && !republished) return { fanOut: false, reason: 'already-alerted' };
    if (now.getTime() - publishedAt.getTime() > MAX_ALERT_AGE_MS) return { fanOut: false, reason: 'stale' };
    this.state.fannedOutAt = now;
    return { fanOut: true };
  }

  /** A correction changes what alerts not yet sent will say; it never alerts anyone by itself. */
  corrected(content: AlertContent): boolean {
    return this.takeContentIfNewer(content);
  }

  /** Returns true when alerts still pending must be cancelled. */
  withdrawn(at: Date): boolean {
    if (!this.state.withdrawnAt || this.state.withdrawnAt.getTime() < at.getTime()) this.state.withdrawnAt = at;
    return true;
  }

  private takeContentIfNewer(content: AlertContent): boolean {
    if (this.state.content && this.state.content.revision > content.revision) return false;
    this.state.content = content;
    return true;
  }
}
