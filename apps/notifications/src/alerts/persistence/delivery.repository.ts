import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Priority } from '@newsroom/contracts';
import type { AlertText } from '../channels/alert-messages';
import type { AttemptOutcome, Channel, DeliveryStatus } from '../domain/delivery-status';

/** A delivery this worker marked `sending` (committed), with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  articleId: string;
  channel: Channel;
  /** The number of this attempt, 1 for the first. */
  attempt: number;
  claimedAt: Date;
  alert: AlertText;
  email: { subscriberId: string; email: string; confirmed: boolean } | null;
  push: { pushSubscriptionId: string; endpoint: string; p256dh: string; auth: string; active: boolean } | null;
}

export type RecordedOutcome =
  | { status: 'sent'; responseCode: number | null }
  | { status: 'pending'; nextAttemptAt: Date; error: string; responseCode: number | null }
  | { status: 'failed'; error: string; responseCode: number | null; deactivatePush?: string };

export interface AbandonedDelivery {
  id: string;
  articleId: string;
  channel: Channel;
  claimedBy: string;
}

interface ClaimedRow {
  id: string;
  article_id: string;
  channel: Channel;
  attempts: number;
  claimed_at: Date;
  subscriber_id: string | null;
  push_subscription_id: string | null;
  headline: string;
  standfirst: string | null;
  url: string;
  section: string;
  priority: Priority;
  email: string | null;
  subscriber_status: string | null;
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
  push_active: boolean | null;
}

/** The delivery worker's queue: claim, record outcomes, recover after crashes. */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Marks up to `limit` due deliveries `sending` for `workerId`, in one statement
   * that commits before anything is sent. SKIP LOCKED lets several workers claim
   * side by side without ever claiming the same row.
   */
  async claimDue(workerId: string, limit: number): Promise<ClaimedDelivery[]> {
    const rows = (await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE deliveries d
         SET status = 'sending', attempts = d.attempts + 1, claimed_by = $1, claimed_at = now(), updated_at = now()
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.article_id, d.channel, d.attempts, d.claimed_at, d.subscriber_id, d.push_subscription_id
       )
       SELECT c.*, a.headline, a.standfirst, a.url, a.section, a.priority,
              s.email, s.status AS subscriber_status,
              p.endpoint, p.p256dh, p.auth, p.active AS push_active
       FROM claimed c
       JOIN article_alerts a ON a.article_id = c.article_id
       LEFT JOIN subscribers s ON s.id = c.subscriber_id
       LEFT JOIN push_subscriptions p ON p.id = c.push_subscription_id
       ORDER BY c.id`,
      [workerId, limit],
    )) as ClaimedRow[];
    return rows.map(toClaimed);
  }

  /** Records how an attempt ended, and its attempt log row, in one transaction. */
  async recordOutcome(delivery: ClaimedDelivery, workerId: string, startedAt: Date, outcome: RecordedOutcome): Promise<void> {
    const attemptOutcome: AttemptOutcome = outcome.status === 'pending' ? 'retry' : outcome.status;
    const error = outcome.status === 'sent' ? null : outcome.error;
    await this.dataSource.transaction(async (manager) => {
      // A row another worker marked `unknown` while this one was still sending gets its true outcome back.
      await manager.query(
        `UPDATE deliveries
         SET status = $3, last_error = $4, last_response_code = $5,
             next_attempt_at = COALESCE($6, next_attempt_at),
             sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END,
             claimed_by = CASE WHEN $3 = 'pending' THEN NULL ELSE claimed_by END,
             updated_at = now()
         WHERE id = $1 AND claimed_by = $2 AND status IN ('sending', 'unknown')`,
        [delivery.id, workerId, outcome.status, error, outcome.responseCode, outcome.status === 'pending' ? outcome.nextAttemptAt : null],
      );
      await manager.query(
        `INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, error, response_code)
         VALUES ($1, $2, $3, now(), $4, $5, $6)`,
        [delivery.id, delivery.attempt, startedAt, attemptOutcome, error, outcome.responseCode],
      );
      if (outcome.status === 'failed' && outcome.deactivatePush && delivery.push) {
        await manager.query(
          `UPDATE push_subscriptions SET active = false, deactivated_at = now(), deactivated_reason = $2, updated_at = now()
           WHERE id = $1 AND active`,
          [delivery.push.pushSubscriptionId, outcome.deactivatePush],
        );
        await manager.query(
          `UPDATE deliveries SET status = 'cancelled', last_error = $2, updated_at = now()
           WHERE recipient_id = $1 AND status = 'pending'`,
          [delivery.push.pushSubscriptionId, `push subscription ended: ${outcome.deactivatePush}`],
        );
      }
    });
  }

  /** The recipient left between fan-out and sending: nothing was attempted. */
  async cancelClaimed(delivery: ClaimedDelivery, workerId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'cancelled', attempts = attempts - 1, last_error = $3, updated_at = now()
       WHERE id = $1 AND claimed_by = $2 AND status = 'sending'`,
      [delivery.id, workerId, reason],
    );
  }

  /** Workers other than `self` that hold deliveries in `sending`. */
  async workersWithSendingDeliveries(self: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT claimed_by FROM deliveries WHERE status = 'sending' AND claimed_by IS NOT NULL AND claimed_by <> $1`,
      [self],
    )) as { claimed_by: string }[];
    return rows.map((row) => row.claimed_by);
  }

  /**
   * Deliveries a stopped worker left in `sending` become `unknown`: the alert may
   * or may not have gone out, and sending it again could alert someone twice.
   */
  async markAbandoned(workerId: string, note: string): Promise<AbandonedDelivery[]> {
    const rows = (await this.dataSource.query(
      `WITH abandoned AS (
         UPDATE deliveries SET status = 'unknown', last_error = $2, updated_at = now()
         WHERE status = 'sending' AND claimed_by = $1
         RETURNING id, article_id, channel, attempts, claimed_at, claimed_by
       ), logged AS (
         INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, error)
         SELECT id, attempts, COALESCE(claimed_at, now()), now(), 'unknown', $2 FROM abandoned
       )
       SELECT id, article_id, channel, claimed_by FROM abandoned`,
      [workerId, note],
    )) as { id: string; article_id: string; channel: Channel; claimed_by: string }[];
    return rows.map((row) => ({ id: row.id, articleId: row.article_id, channel: row.channel, claimedBy: row.claimed_by }));
  }

  async statusCounts(articleId: string): Promise<Partial<Record<DeliveryStatus, number>>> {
    const rows = (await this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM deliveries WHERE article_id = $1 GROUP BY status`,
      [articleId],
    )) as { status: DeliveryStatus; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  async listForArticle(articleId: string, limit: number, offset: number): Promise<DeliveryLogRow[]> {
    return (await this.dataSource.query(
      `SELECT d.id, d.channel, d.status, d.attempts, d.last_error, d.last_response_code, d.next_attempt_at,
              d.created_at, d.sent_at, s.email, p.endpoint
       FROM deliveries d
       LEFT JOIN subscribers s ON s.id = d.subscriber_id
       LEFT JOIN push_subscriptions p ON p.id = d.push_subscription_id
       WHERE d.article_id = $1
       ORDER BY d.id
       LIMIT $2 OFFSET $3`,
      [articleId, limit, offset],
    )) as DeliveryLogRow[];
  }

  async attemptsOf(deliveryIds: string[]): Promise<AttemptLogRow[]> {
    if (deliveryIds.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT delivery_id, attempt, started_at, finished_at, outcome, error, response_code
       FROM delivery_attempts WHERE delivery_id = ANY($1::bigint[]) ORDER BY delivery_id, id`,
      [deliveryIds],
    )) as AttemptLogRow[];
  }
}

export interface DeliveryLogRow {
  id: string;
  channel: Channel;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  last_response_code: number | null;
  next_attempt_at: Date;
  created_at: Date;
  sent_at: Date | null;
  email: string | null;
  endpoint: string | null;
}

export interface AttemptLogRow {
  delivery_id: string;
  attempt: number;
  started_at: Date;
  finished_at: Date;
  outcome: AttemptOutcome;
  error: string | null;
  response_code: number | null;
}

function toClaimed(row: ClaimedRow): ClaimedDelivery {
  return {
    id: String(row.id),
    articleId: row.article_id,
    channel: row.channel,
    attempt: row.attempts,
    claimedAt: row.claimed_at,
    alert: { headline: row.headline, standfirst: row.standfirst, url: row.url, section: row.section, priority: row.priority },
    email:
      row.subscriber_id && row.email !== null
        ? { subscriberId: row.subscriber_id, email: row.email, confirmed: row.subscriber_status === 'confirmed' }
        : null,
    push:
      row.push_subscription_id && row.endpoint !== null && row.p256dh !== null && row.auth !== null
        ? { pushSubscriptionId: row.push_subscription_id, endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth, active: row.push_active === true }
        : null,
  };
}
