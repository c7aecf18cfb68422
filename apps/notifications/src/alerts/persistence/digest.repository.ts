import { Injectable } from '@nestjs/common';
import type { Priority } from '@newsroom/contracts';
import { UnitOfWork } from '@newsroom/persistence';
import type { LocalDate } from '../../subscriptions/domain/quiet-hours';
import type { DigestStory } from '../channels/digest-email';
import { followsStorySql, STORED_ARTICLE, TAKES_DIGEST } from './recipient-selection';

export type DigestKey = Pick<ClaimedDigest, 'subscriberId' | 'localDate'>;

/** A claimed digest: who, for which date on their calendar, and the stories of which period. */
export interface ClaimedDigest {
  subscriberId: string;
  localDate: LocalDate;
  email: string;
  /** Stories published after `since`, up to and including `until`. */
  since: Date;
  until: Date;
  /** The subscriber still takes a digest (confirmed, not bounced, frequency daily-digest). */
  wanted: boolean;
}

/**
 * How a claimed digest ended: `sent`; `empty` when nothing went out (no stories, or the
 * subscriber left meanwhile); `failed` when the mail server refused it for good (5xx).
 */
export type DigestOutcome = 'sent' | 'empty' | 'failed';

/** Stories a digest lists at most; a day's news for one reader is far fewer. */
export const MAX_DIGEST_STORIES = 50;

/**
 * The daily digests' ledger: table `digests`, one row per (subscriber, local date), the
 * primary key that makes a second digest for one date impossible. A row is claimed
 * (`claimed`) before its e-mail is sent and settled (`sent`/`empty`) after, each in its own
 * transaction, so a crash between the two leaves it claimed and it is sent once more with
 * the same Message-ID, never for another date. Runs in the caller's unit of work.
 */
@Injectable()
export class DigestRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /**
   * Claims, with one INSERT … SELECT, the digests due now: for each confirmed, not bounced
   * daily-digest subscriber whose wall clock (their time zone) shows `localTime` (`HH:MM`) or
   * later and who has no row for today's date there yet, at most `limit` of them. The period
   * runs from the end of their previous digest's (24 hours back for the first) to now.
   * Returns how many were claimed.
   */
  async claimDue(localTime: string, limit: number): Promise<number> {
    const claimed = (await this.unitOfWork.manager.query(
      `INSERT INTO digests (subscriber_id, local_date, stories_since, stories_until)
       SELECT r.id, (now() AT TIME ZONE r.time_zone)::date,
              COALESCE((SELECT max(d.stories_until) FROM digests d WHERE d.subscriber_id = r.id), now() - interval '24 hours'), now()
       FROM subscribers r
       WHERE ${TAKES_DIGEST}
         AND (now() AT TIME ZONE r.time_zone)::time >= $1::time
         AND NOT EXISTS (SELECT 1 FROM digests d WHERE d.subscriber_id = r.id AND d.local_date = (now() AT TIME ZONE r.time_zone)::date)
       ORDER BY r.id
       LIMIT $2
       ON CONFLICT (subscriber_id, local_date) DO NOTHING
       RETURNING subscriber_id`,
      [localTime, limit],
    )) as unknown[];
    return claimed.length;
  }

  /** The oldest digest claimed, not settled and not waiting to be tried again, with its subscriber; null when none is due. */
  async nextClaimed(): Promise<ClaimedDigest | null> {
    const [row] = (await this.unitOfWork.manager.query(
      `SELECT d.subscriber_id, to_char(d.local_date, 'YYYY-MM-DD') AS local_date, d.stories_since, d.stories_until, r.email,
              (${TAKES_DIGEST}) AS wanted
       FROM digests d JOIN subscribers r ON r.id = d.subscriber_id
       WHERE d.status = 'claimed' AND d.attempt_after <= now()
       ORDER BY d.claimed_at, d.subscriber_id
       LIMIT 1`,
    )) as { subscriber_id: string; local_date: string; stories_since: Date; stories_until: Date; email: string; wanted: boolean }[];
    return row
      ? { subscriberId: row.subscriber_id, localDate: row.local_date, email: row.email, since: row.stories_since, until: row.stories_until, wanted: row.wanted }
      : null;
  }

  /**
   * The stories of `digest`'s period its subscriber follows now (followsStory(), in SQL:
   * recipient-selection.ts), oldest first, at most MAX_DIGEST_STORIES; stories withdrawn or
   * killed since, and stories whose own alert e-mail reached the reader already (they changed to
   * the digest since), are left out.
   */
  async storiesOf(digest: ClaimedDigest): Promise<DigestStory[]> {
    const follows = followsStorySql(STORED_ARTICLE);
    return (await this.unitOfWork.manager.query(
      `SELECT a.headline, a.standfirst, a.url, a.priority, a.language
       FROM article_alerts a, subscribers r
       WHERE r.id = $1 AND a.published_at > $2 AND a.published_at <= $3 AND a.withdrawn_at IS NULL
         AND a.headline IS NOT NULL AND a.url IS NOT NULL AND a.section IS NOT NULL AND a.priority IS NOT NULL
         AND ${follows}
         -- A story the reader already had its own alert e-mail about (they switched to the digest since) is not listed again;
         -- nor one whose alert may have reached them ('unknown': the server took it, the answer was lost).
         AND NOT EXISTS (
           SELECT 1 FROM deliveries d
           WHERE d.article_id = a.article_id AND d.recipient_id = r.id AND d.channel = 'email' AND d.kind = 'alert' AND d.status IN ('sent', 'unknown')
         )
       ORDER BY a.published_at, a.article_id
       LIMIT $4`,
      [digest.subscriberId, digest.since, digest.until, MAX_DIGEST_STORIES],
    )) as { headline: string; standfirst: string | null; url: string; priority: Priority; language: string | null }[];
  }

  /** Settles a claimed digest; false when it was settled already (nothing changes then). */
  async settle(digest: DigestKey, outcome: DigestOutcome, storyCount: number, error: string | null = null): Promise<boolean> {
    const [, affected] = (await this.unitOfWork.manager.query(
      `UPDATE digests SET status = $3, story_count = $4, last_error = $5, settled_at = now()
       WHERE subscriber_id = $1 AND local_date = $2::date AND status = 'claimed'`,
      [digest.subscriberId, digest.localDate, outcome, storyCount, error],
    )) as [unknown[], number];
    return affected === 1;
  }

  /** A send that failed for now (SMTP 4xx, no connection): the digest stays claimed and is tried again after `retryAt`. */
  async postpone(digest: DigestKey, retryAt: Date, error: string): Promise<void> {
    await this.unitOfWork.manager.query(
      `UPDATE digests SET attempt_after = $3, last_error = $4 WHERE subscriber_id = $1 AND local_date = $2::date AND status = 'claimed'`,
      [digest.subscriberId, digest.localDate, retryAt, error],
    );
  }
}
