import type { Priority } from '@newsroom/contracts';

/** Alerts are news: an article first seen this long after it was published alerts nobody. */
export const MAX_ALERT_AGE_MS = 24 * 3600 * 1000;

/** What an alert about one article says, and what decides who gets it. */
export interface AlertContent {
  revision: number;
  headline: string;
  standfirst: string | null;
  url: string;
  section: string;
  tags: string[];
  priority: Priority;
  /** The article's language (BCP 47), for the `lang` of its words in e-mails; null or absent when unknown. */
  language?: string | null;
}

/** The part of the content an email or a push notification shows. */
export type AlertText = Pick<AlertContent, 'headline' | 'standfirst' | 'url' | 'priority' | 'section' | 'language'>;

export interface ArticleAlertSnapshot {
  articleId: string;
  /** Null until a published or corrected event said what the article is. */
  content: AlertContent | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  fannedOutAt: Date | null;
}

export type FanOutDecision = { fanOut: true; content: AlertContent } | { fanOut: false; reason: 'withdrawn' | 'stale' | 'already-alerted' };

/**
 * One article as the alerts see it: what an alert says, and whether subscribers
 * are alerted. Subscribers are alerted once per article: the first publication
 * fans out; corrections refresh what unsent alerts will say but alert nobody;
 * a withdrawal cancels what was not sent yet. Pure rules, no I/O; the state
 * changes only through the methods below.
 */
export class ArticleAlert {
  private constructor(private readonly state: ArticleAlertSnapshot) {}

  /** An article no event has told us about yet. */
  static unknown(articleId: string): ArticleAlert {
    return new ArticleAlert({ articleId, content: null, publishedAt: null, withdrawnAt: null, fannedOutAt: null });
  }

  /** Rebuilds an alert from what the repository stored. */
  static restore(snapshot: ArticleAlertSnapshot): ArticleAlert {
    return new ArticleAlert(copy(snapshot));
  }

  get articleId(): string {
    return this.state.articleId;
  }

  /** A copy of the state, for storing and for reading; changing it changes nothing here. */
  snapshot(): ArticleAlertSnapshot {
    return copy(this.state);
  }

  /**
   * A published event. Fans out on the first publication (or the first after a
   * withdrawal), unless the story is older than MAX_ALERT_AGE_MS or a withdrawal
   * seen earlier postdates it. `content` is what to send: the newest revision seen.
   */
  recordPublication(content: AlertContent, publishedAt: Date, now: Date): FanOutDecision {
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
    return { fanOut: true, content: { ...(this.state.content ?? content) } };
  }

  /**
   * A correction changes what alerts not yet sent will say; it never alerts
   * anyone by itself. Returns false when `content` is older than what is known.
   */
  applyCorrection(content: AlertContent): boolean {
    return this.takeContentIfNewer(content);
  }

  /**
   * Whether a correction is sent to the recipients the alert already reached: only while
   * the story is live (a withdrawn story's alerts are over, whether or not they went out).
   */
  get correctionsReachRecipients(): boolean {
    return this.state.fannedOutAt !== null && this.state.withdrawnAt === null;
  }

  /** The article was withdrawn at `at`: alerts not sent yet must not be sent. The latest withdrawal wins. */
  recordWithdrawal(at: Date): void {
    if (!this.state.withdrawnAt || this.state.withdrawnAt.getTime() < at.getTime()) this.state.withdrawnAt = at;
  }

  private takeContentIfNewer(content: AlertContent): boolean {
    if (this.state.content && this.state.content.revision > content.revision) return false;
    this.state.content = { ...content, tags: [...content.tags] };
    return true;
  }
}

function copy(state: ArticleAlertSnapshot): ArticleAlertSnapshot {
  return { ...state, content: state.content ? { ...state.content, tags: [...state.content.tags] } : null };
}
