import { Injectable } from '@nestjs/common';
import type { Priority } from '@newsroom/contracts';
import { schemaOf, UnitOfWork } from '@newsroom/persistence';
import type { ClaimedDelivery, DeliveryOutcome } from '../domain/delivery';
import type { AttemptOutcome, Channel, DeliveryKind, DeliveryStatus } from '../domain/delivery-status';
import { retryDueSql } from './recipient-selection';

/** Channel the delivery worker LISTENs on; NOTIFY inside a transaction is delivered on commit. */
export function deliveriesChannel(schema: string): string {
  return `newsroom_deliveries_${schema}`;
}

export interface AbandonedDelivery {
  id: string;
  articleId: string;
  channel: Channel;
  claimedBy: string;
  /** The attempt that was cut off. */
  attempt: number;
  /** Back to `pending` to be re-sent; false when it ended `unknown`. */
  resent: boolean;
}

interface ClaimedRow {
  id: string;
  article_id: string;
  channel: Channel;
  attempts: number;
  claimed_at: Date;
  published_at: Date | null;
  subscriber_id: string | null;
  push_subscription_id: string | null;
  headline: string;
  standfirst: string | null;
  url: string;
  section: string;
  priority: Priority;
  language: string | null;
  email: string | null;
  subscriber_status: string | null;
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
  push_active: boolean | null;
  fan_out_traceparent: string | null;
  correction_note: string | null;
}

/** Delivery rows of `source` (aliased `d`) with their alert text and recipient, as ClaimedRow reads them; `extra` adds columns of `d`. */
function withTextAndRecipient(source: 'deliveries' | 'claimed', extra = ''): string {
  return `SELECT d.id, d.article_id, d.channel, d.attempts, d.claimed_at, d.subscriber_id, d.push_subscription_id, d.correction_note,${extra}
              a.headline, a.standfirst, a.url, a.section, a.priority, a.language, a.published_at, a.fan_out_traceparent,
              -- A bounced address reads as not subscribed: what was queued for it before the bounce (a retry, a correction) is cancelled, not sent.
              s.email, CASE WHEN s.bounced_at IS NULL THEN s.status END AS subscriber_status,
              p.endpoint, p.p256dh, p.auth, p.active AS push_active
       FROM ${source} d
       JOIN article_alerts a ON a.article_id = d.article_id
       LEFT JOIN subscribers s ON s.id = d.subscriber_id
       LEFT JOIN push_subscriptions p ON p.id = d.push_subscription_id`;
}

/** What a lane's claim returns of each delivery it marked `sending` (read by withTextAndRecipient and toClaimed). */
const CLAIMED_COLUMNS = 'd.id, d.article_id, d.channel, d.attempts, d.claimed_at, d.subscriber_id, d.push_subscription_id, d.urgency, d.next_attempt_at, d.correction_note';

/** A lane's order: breaking alerts first (urgency), then oldest due; `channel` leads so one partial index serves it. */
const LANE_ORDER = 'channel, urgency, next_attempt_at, id';
/** The same order for claimed rows `d`, as a lane's claims return them. */
const CLAIMED_ORDER = 'ORDER BY d.urgency, d.next_attempt_at, d.id';

/**
 * The pick of a claim, as a CTE body: up to `limit` (a parameter) pending deliveries due now
 * and matching `filter`, in `order`. SKIP LOCKED lets workers in several processes claim side
 * by side without ever claiming the same row.
 */
function dueDeliveries(filter: string, order: string, limit: string): string {
  return `SELECT id FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= now() ${filter}
         ORDER BY ${order}
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED`;
}

/** The claim itself, as a CTE body: the rows of CTE `due` marked `sending` for worker $1 with one more attempt, aliased `d`. */
function markClaimed(returning: string): string {
  return `UPDATE deliveries d
         SET status = 'sending', attempts = d.attempts + 1, claimed_by = $1, claimed_at = now(), updated_at = now()
         FROM due WHERE d.id = due.id
         RETURNING ${returning}`;
}

/**
 * The claim every worker makes, as a `claimed` CTE (aliased rows `d`, columns `returning`): up
 * to $2 pending deliveries due now and matching `filter`, taken in `order`, marked `sending`
 * for worker $1 with one more attempt.
 */
function claimStatement(filter: string, order: string, returning: string): string {
  return `WITH due AS (
         ${dueDeliveries(filter, order, '$2')}
       ), claimed AS (
         ${markClaimed(returning)}
       )`;
}

/** The delivery worker's queue: claim, record outcomes, recover after crashes; and the delivery log. */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Wakes the delivery workers when (and only if) the open unit commits. */
  async wakeWorkersOnCommit(): Promise<void> {
    const manager = this.unitOfWork.requireActive('wakeWorkersOnCommit');
    await manager.query(`SELECT pg_notify($1, '')`, [deliveriesChannel(schemaOf(manager.connection))]);
  }

  /**
   * Queues a delivery of kind `correction` of article `articleId` for every
   * recipient its alert was sent to (status `sent`), on the same channel — due
   * now, with the alert's urgency — and returns how many were queued. Recipients
   * it was never sent to (pending, failed, cancelled, unknown) get none: a pending
   * alert already says the corrected text. The unique index on (article_id,
   * recipient_id, channel, corrected_at) makes the same correction, seen again,
   * queue nothing. Inside the caller's unit of work.
   */
  async queueCorrections(articleId: string, correction: { note: string; correctedAt: Date }): Promise<number> {
    const manager = this.unitOfWork.requireActive('queueCorrections');
    const rows = (await manager.query(
      `INSERT INTO deliveries (article_id, channel, subscriber_id, push_subscription_id, urgency, kind, corrected_at, correction_note)
       SELECT article_id, channel, subscriber_id, push_subscription_id, urgency, 'correction', $2, $3
       FROM deliveries
       WHERE article_id = $1 AND kind = 'alert' AND status = 'sent'
       ON CONFLICT (article_id, recipient_id, channel, corrected_at) WHERE kind = 'correction' DO NOTHING
       RETURNING 1`,
      [articleId, correction.correctedAt, correction.note],
    )) as unknown[];
    return rows.length;
  }

  /**
   * Marks up to `limit` due deliveries `sending` for `workerId`, oldest due
   * first, in one statement; returns their ids. Call it outside a unit of work:
   * the claim must be committed before anything is sent (see claimStatement).
   */
  async claimDue(workerId: string, limit: number): Promise<string[]> {
    const rows = (await this.unitOfWork.manager.query(
      `${claimStatement('', 'next_attempt_at, id', 'd.id')}
       SELECT id FROM claimed ORDER BY id`,
      [workerId, limit],
    )) as { id: string }[];
    return rows.map((row) => String(row.id));
  }

  /**
   * One channel's lane: marks up to `limit` due deliveries of `channel`
   * `sending` for `workerId` — breaking alerts first, then oldest due — and
   * returns them with their alert text and recipient, in one statement (one
   * round trip per batch, no reload per delivery). Call it outside a unit of
   * work: the claim must be committed before anything is sent (see
   * claimStatement).
   */
  async claimLane(workerId: string, channel: Channel, limit: number): Promise<ClaimedDelivery[]> {
    const rows = (await this.unitOfWork.manager.query(
      `${claimStatement('AND channel = $3', LANE_ORDER, CLAIMED_COLUMNS)}
       ${withTextAndRecipient('claimed')}
       ${CLAIMED_ORDER}`,
      [workerId, limit, channel],
    )) as ClaimedRow[];
    return rows.map(toClaimed);
  }

  /**
   * claimLane under per-destination rate limits (DELIVERY_RATE_LIMITS), still one statement
   * for the whole round: it looks at up to `limit` due deliveries of `channel` (breaking first,
   * then oldest due; destinations in `held` skipped), takes from each destination's allowance in
   * `delivery_destinations` as many as the current window has room for (none while it is
   * paused), and claims those — the first ones of each destination in the lane's order. The
   * others are not touched: still `pending`, no attempt counted, first in line when the
   * destination has room again. Returns the claimed deliveries (with their `destination`) and,
   * for each destination that held some back, how many and when it has room (`roomAt`).
   *
   * A delivery's destination: `email` for e-mail; for push, the endpoint's host, or the
   * `*.domain` rule it falls under (one allowance for the group). A host under no rule, or
   * under `*`, is a destination of its own; with no rule it is not limited, only paused when it
   * asked to be. Allowance rows are upserted in destination order, so concurrent claims lock
   * them in one order; the window is read from the clock once per statement, and a claim whose
   * clock reading is older than the row's window counts in the row's window (never more).
   * Call it outside a unit of work, like claimLane.
   */
  async claimLaneWithin(workerId: string, channel: Channel, limit: number, rules: readonly LaneRateRule[], held: readonly string[]): Promise<LimitedClaim> {
    const host =
      channel === 'email'
        ? `'email'::text`
        : `lower(substring((SELECT p.endpoint FROM push_subscriptions p WHERE p.id = d.push_subscription_id) from '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:?#]+)'))`;
    const rows = (await this.unitOfWork.manager.query(
      `WITH due AS (
         SELECT d.id, d.urgency, d.next_attempt_at, k.destination, rule.allowance, rule.period
         FROM deliveries d
         CROSS JOIN LATERAL (SELECT ${host} AS host) h
         LEFT JOIN LATERAL (
           SELECT r.pattern, r.allowance, r.period
           FROM unnest($4::text[], $5::int[], $6::int[]) AS r(pattern, allowance, period)
           WHERE r.pattern = h.host OR r.pattern = '*'
              OR (left(r.pattern, 2) = '*.' AND right(h.host, length(r.pattern) - 1) = substr(r.pattern, 2))
           -- the host itself, then the narrowest *.domain, then *
           ORDER BY r.pattern = h.host DESC, r.pattern = '*', length(r.pattern) DESC
           LIMIT 1
         ) rule ON true
         CROSS JOIN LATERAL (SELECT CASE WHEN left(rule.pattern, 2) = '*.' THEN rule.pattern ELSE h.host END AS destination) k
         WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND d.channel = $3
           AND (k.destination IS NULL OR k.destination <> ALL($7::text[]))
         ORDER BY d.channel, d.urgency, d.next_attempt_at, d.id
         LIMIT $2
         FOR UPDATE OF d SKIP LOCKED
       ), asked AS (
         SELECT destination, count(*)::int AS asked, max(allowance) AS allowance, max(period) AS period,
                to_timestamp(floor(extract(epoch FROM clock_timestamp()) / max(period)) * max(period)) AS window_start
         FROM due WHERE destination IS NOT NULL
         GROUP BY destination
       ), taken AS (
         INSERT INTO delivery_destinations AS w (destination, allowance, period_seconds, window_start, used, asked, granted, updated_at)
         SELECT destination, allowance, period, window_start, CASE WHEN allowance IS NULL THEN 0 ELSE least(asked, allowance) END, asked, least(asked, coalesce(allowance, asked)), now()
         FROM asked
         ORDER BY destination
         ON CONFLICT (destination) DO UPDATE SET
           granted = CASE
             WHEN w.paused_until > clock_timestamp() THEN 0
             WHEN EXCLUDED.allowance IS NULL THEN EXCLUDED.asked
             WHEN w.window_start >= EXCLUDED.window_start AND w.period_seconds = EXCLUDED.period_seconds
               THEN greatest(0, least(EXCLUDED.asked, EXCLUDED.allowance - w.used))
             ELSE least(EXCLUDED.asked, EXCLUDED.allowance) END,
           used = CASE
             WHEN w.paused_until > clock_timestamp() THEN w.used
             WHEN EXCLUDED.allowance IS NULL THEN 0
             WHEN w.window_start >= EXCLUDED.window_start AND w.period_seconds = EXCLUDED.period_seconds
               THEN w.used + greatest(0, least(EXCLUDED.asked, EXCLUDED.allowance - w.used))
             ELSE least(EXCLUDED.asked, EXCLUDED.allowance) END,
           window_start = CASE
             WHEN w.paused_until > clock_timestamp() THEN w.window_start
             WHEN EXCLUDED.allowance IS NULL THEN NULL
             WHEN w.window_start >= EXCLUDED.window_start AND w.period_seconds = EXCLUDED.period_seconds THEN w.window_start
             ELSE EXCLUDED.window_start END,
           allowance = EXCLUDED.allowance,
           period_seconds = EXCLUDED.period_seconds,
           asked = EXCLUDED.asked,
           updated_at = now()
         RETURNING w.destination, w.granted, w.asked, w.window_start, w.period_seconds, w.paused_until
       ), chosen AS (
         SELECT ranked.id, ranked.destination, t.window_start
         FROM (SELECT due.*, row_number() OVER (PARTITION BY destination ORDER BY urgency, next_attempt_at, id) AS place FROM due) ranked
         LEFT JOIN taken t ON t.destination = ranked.destination
         WHERE t.destination IS NULL OR ranked.place <= t.granted
       ), claimed AS (
         UPDATE deliveries d
         -- claimed_at falls inside the window the send was counted in.
         SET status = 'sending', attempts = d.attempts + 1, claimed_by = $1, claimed_at = greatest(now(), c.window_start), updated_at = now()
         FROM chosen c WHERE d.id = c.id
         RETURNING ${CLAIMED_COLUMNS}, c.destination
       ), held AS (
         SELECT destination, asked - granted AS held,
                greatest(paused_until, window_start + period_seconds * interval '1 second') AS room_at
         FROM taken WHERE granted < asked
       )
       SELECT (SELECT coalesce(json_agg(json_build_object('destination', destination, 'held', held, 'roomAt', room_at)), '[]') FROM held) AS held_back, c.*
       FROM (SELECT 1) one
       LEFT JOIN (${withTextAndRecipient('claimed', ' d.destination, d.urgency, d.next_attempt_at,')}) c ON true
       ORDER BY c.urgency, c.next_attempt_at, c.id`,
      [workerId, limit, channel, rules.map((rule) => rule.pattern), rules.map((rule) => rule.count), rules.map((rule) => rule.periodSeconds), held],
    )) as (ClaimedRow & { held_back: { destination: string; held: number; roomAt: string }[]; destination: string | null })[];
    const heldBack = (rows[0]?.held_back ?? []).map((entry) => ({ destination: entry.destination, held: entry.held, roomAt: new Date(entry.roomAt) }));
    const claimed = rows.filter((row) => row.id !== null).map((row) => ({ ...toClaimed(row), destination: row.destination ?? undefined }));
    return { claimed, heldBack };
  }

  /**
   * Pauses `destination` for every worker until `until` (a later pause already recorded
   * stands): its deliveries not yet claimed wait, untouched, until then. One statement.
   */
  async pauseDestination(destination: string, until: Date): Promise<void> {
    await this.unitOfWork.manager.query(
      `INSERT INTO delivery_destinations AS w (destination, paused_until, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (destination) DO UPDATE SET paused_until = greatest(w.paused_until, EXCLUDED.paused_until), updated_at = now()`,
      [destination, until],
    );
  }

  /**
   * Records many attempts' outcomes at once — the deliveries and their attempt
   * rows — in one statement (atomic on its own: data-modifying CTEs), so a batch
   * costs one round trip, inside the caller's unit of work or without one.
   * Rows `workerId` no longer holds are left alone (their attempt rows are still
   * written: the attempt happened). A retry due inside its recipient's quiet
   * hours waits for their end, as the first attempt did.
   */
  async recordOutcomes(workerId: string, outcomes: readonly RecordedOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.storeOutcomes(workerId, outcomes, {});
  }

  /**
   * recordOutcomes, and in the same statement the claim that refills the slots those outcomes
   * free: up to `refill[channel]` due deliveries of each channel marked `sending` for
   * `workerId` (breaking first, then oldest due, SKIP LOCKED, as claimLane), returned with
   * their alert text and recipient. The finished deliveries stop being `sending` and their
   * replacements start being `sending` in one commit, so a worker never holds more in `sending`
   * than its lanes may hold (DeliveryWorker), and a lane is refilled without a claim round trip
   * of its own. Deliveries being recorded are never among those claimed (one `pending` again and still
   * naming this worker, queued by a sweep, gets its outcome instead). Call it outside a unit of
   * work: the claim must be committed before anything is sent. An empty list when nothing was
   * due or `refill` asks for none.
   */
  async recordOutcomesAndClaim(workerId: string, outcomes: readonly RecordedOutcome[], refill: Partial<Record<Channel, number>>): Promise<ClaimedDelivery[]> {
    if (outcomes.length === 0) return [];
    return this.storeOutcomes(workerId, outcomes, refill);
  }

  /** recordOutcome(s) and recordOutcomesAndClaim: one statement, an UPDATE of the deliveries, an INSERT of their attempt rows, and the refill's claim. */
  private async storeOutcomes(workerId: string, outcomes: readonly RecordedOutcome[], refill: Partial<Record<Channel, number>>): Promise<ClaimedDelivery[]> {
    const column = <T>(pick: (entry: RecordedOutcome) => T) => outcomes.map(pick);
    const errorOf = (entry: RecordedOutcome) => (entry.outcome.status === 'sent' ? null : entry.outcome.error);
    const parameters: unknown[] = [
      workerId,
      column((entry) => entry.delivery.id),
      column((entry) => entry.delivery.attempt),
      column((entry) => entry.startedAt),
      column((entry) => entry.finishedAt),
      column((entry) => entry.outcome.status),
      column(errorOf),
      column((entry) => entry.outcome.responseCode),
      column((entry) => (entry.outcome.status === 'pending' ? entry.outcome.nextAttemptAt : null)),
    ];
    const record = `WITH o AS (
         SELECT * FROM unnest($2::bigint[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::int[], $9::timestamptz[])
           AS o(id, attempt, started_at, finished_at, status, error, code, next_at)
       ), updated AS (
         UPDATE deliveries d
         SET status = o.status, last_error = o.error, last_response_code = o.code,
             next_attempt_at = CASE WHEN o.next_at IS NULL THEN d.next_attempt_at ELSE ${retryDueSql('o.next_at')} END,
             sent_at = CASE WHEN o.status = 'sent' THEN now() ELSE d.sent_at END,
             claimed_by = CASE WHEN o.status = 'pending' THEN NULL ELSE d.claimed_by END,
             updated_at = now()
         FROM o
         WHERE d.id = o.id AND d.claimed_by = $1 AND d.status IN ('sending', 'unknown', 'pending')
       ), attempts AS (
         INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, error, response_code)
         SELECT id, attempt, started_at, finished_at, CASE WHEN status = 'pending' THEN 'retry' ELSE status END, error, code FROM o
       )`;
    const lanes = (Object.entries(refill) as [Channel, number][]).filter(([, limit]) => limit > 0);
    if (lanes.length === 0) {
      await this.unitOfWork.manager.query(`${record} SELECT 1`, parameters);
      return [];
    }
    // One SKIP LOCKED pick per lane, each with its own limit, in the lane's order (claimLane's).
    const picks = lanes.map(([channel, limit], lane) => {
      parameters.push(channel, limit);
      return `due_${lane} AS (
         ${dueDeliveries(`AND channel = $${parameters.length - 1} AND id <> ALL($2::bigint[])`, LANE_ORDER, `$${parameters.length}`)}
       )`;
    });
    const rows = (await this.unitOfWork.manager.query(
      `${record}, ${picks.join(', ')}, due AS (
         ${lanes.map((_, lane) => `SELECT id FROM due_${lane}`).join(' UNION ALL ')}
       ), claimed AS (
         ${markClaimed(CLAIMED_COLUMNS)}
       )
       ${withTextAndRecipient('claimed')}
       ${CLAIMED_ORDER}`,
      parameters,
    )) as ClaimedRow[];
    return rows.map(toClaimed);
  }

  /** A delivery `workerId` holds in `sending`, with its alert text and recipient; null when it holds no such delivery. */
  async findClaimed(deliveryId: string, workerId: string): Promise<ClaimedDelivery | null> {
    const rows = (await this.unitOfWork.manager.query(
      `${withTextAndRecipient('deliveries')}
       WHERE d.id = $1 AND d.claimed_by = $2 AND d.status = 'sending'`,
      [deliveryId, workerId],
    )) as ClaimedRow[];
    return rows.length === 1 ? toClaimed(rows[0]) : null;
  }

  /**
   * Records how an attempt ended and its attempt log row; inside a unit of
   * work so both are stored or neither. A row another worker marked `unknown`
   * (or queued to re-send, still naming this worker) while this one was still
   * sending gets its true outcome back; once re-claimed it names another worker
   * and is left alone.
   */
  async recordOutcome(delivery: ClaimedDelivery, workerId: string, startedAt: Date, outcome: DeliveryOutcome): Promise<void> {
    this.unitOfWork.requireActive('recordOutcome');
    await this.storeOutcomes(workerId, [{ delivery, startedAt, finishedAt: new Date(), outcome }], {});
  }

  /** The recipient left between fan-out and sending: nothing was attempted, so the attempt is not counted. */
  async cancelClaimed(delivery: ClaimedDelivery, workerId: string, reason: string): Promise<void> {
    await this.unitOfWork.manager.query(
      `UPDATE deliveries SET status = 'cancelled', attempts = attempts - 1, last_error = $3, updated_at = now()
       WHERE id = $1 AND claimed_by = $2 AND status = 'sending'`,
      [delivery.id, workerId, reason],
    );
  }

  /** Workers other than `self` that hold deliveries in `sending`. */
  async workersWithSendingDeliveries(self: string): Promise<string[]> {
    const rows = (await this.unitOfWork.manager.query(
      `SELECT DISTINCT claimed_by FROM deliveries WHERE status = 'sending' AND claimed_by IS NOT NULL AND claimed_by <> $1`,
      [self],
    )) as { claimed_by: string }[];
    return rows.map((row) => row.claimed_by);
  }

  /**
   * Deliveries a stopped worker left in `sending`: whether the alert went out
   * is unknown, so each gets an `unknown` attempt row and goes back to
   * `pending`, due now, to be re-sent with its same Message-ID / Topic
   * (`resentNote` in the log) — unless it already had `maxResends` unknown
   * attempts or `maxAttempts` attempts, then it ends `unknown` (`givenUpNote`).
   * A re-queued row keeps naming the worker until it is claimed again, so
   * that worker's late outcome, if it was alive after all, still lands
   * (recordOutcome). One statement, so it is atomic alone; a concurrent sweep
   * of the same worker finds nothing left in `sending`.
   */
  async markAbandoned(
    workerId: string,
    limits: { maxResends: number; maxAttempts: number },
    notes: { resent: string; givenUp: string },
  ): Promise<AbandonedDelivery[]> {
    const rows = (await this.unitOfWork.manager.query(
      `WITH abandoned AS (
         SELECT d.id, d.attempts < $3 AND
                (SELECT count(*) FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.outcome = 'unknown') < $4 AS resend
         FROM deliveries d
         WHERE d.status = 'sending' AND d.claimed_by = $1
         FOR UPDATE
       ), settled AS (
         UPDATE deliveries d
         SET status = CASE WHEN ab.resend THEN 'pending' ELSE 'unknown' END,
             next_attempt_at = CASE WHEN ab.resend THEN now() ELSE d.next_attempt_at END,
             last_error = CASE WHEN ab.resend THEN $5 ELSE $2 END,
             updated_at = now()
         FROM abandoned ab
         WHERE d.id = ab.id AND d.status = 'sending' AND d.claimed_by = $1
         RETURNING d.id, d.article_id, d.channel, d.attempts, d.claimed_at, ab.resend
       ), logged AS (
         INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome, error)
         SELECT id, attempts, COALESCE(claimed_at, now()), now(), 'unknown', CASE WHEN resend THEN $5 ELSE $2 END FROM settled
       )
       SELECT id, article_id, channel, attempts, resend FROM settled`,
      [workerId, notes.givenUp, limits.maxAttempts, limits.maxResends, notes.resent],
    )) as { id: string; article_id: string; channel: Channel; attempts: number; resend: boolean }[];
    return rows.map((row) => ({
      id: String(row.id),
      articleId: row.article_id,
      channel: row.channel,
      claimedBy: workerId,
      attempt: row.attempts,
      resent: row.resend,
    }));
  }

  async statusCounts(articleId: string): Promise<Partial<Record<DeliveryStatus, number>>> {
    const rows = (await this.unitOfWork.manager.query(
      `SELECT status, count(*)::int AS n FROM deliveries WHERE article_id = $1 GROUP BY status`,
      [articleId],
    )) as { status: DeliveryStatus; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  /**
   * Delivery speed of an article's alert per channel, all in one statement: seconds from the
   * article going live (`article_alerts.published_at`, approval for a story published at once)
   * to the hand-off to the SMTP server or push service (`sent_at`), as continuous percentiles
   * over the deliveries sent, and how many of all its deliveries (pending, failed and cancelled
   * included) were handed off within `withinSeconds`. Percentiles are null with nothing sent.
   */
  async speedByChannel(articleId: string, withinSeconds: number): Promise<DeliverySpeedRow[]> {
    // CASE rather than greatest(0, …): greatest ignores NULL and would count an unsent
    // delivery as handed off in 0 s. Corrections are later sends of the same story, timed
    // from the original publication; they would skew the alert's speed, so only alerts count.
    return (await this.unitOfWork.manager.query(
      `SELECT channel,
              count(*)::int AS total,
              count(seconds)::int AS sent,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY seconds) AS p99,
              count(*) FILTER (WHERE seconds <= $2)::int AS within
       FROM (
         SELECT d.channel,
                CASE WHEN d.sent_at IS NOT NULL AND a.published_at IS NOT NULL
                     THEN greatest(0, extract(epoch FROM d.sent_at - a.published_at))::float8 END AS seconds
         FROM deliveries d
         LEFT JOIN article_alerts a ON a.article_id = d.article_id
         WHERE d.article_id = $1 AND d.kind = 'alert'
       ) timed
       GROUP BY channel
       ORDER BY channel`,
      [articleId, withinSeconds],
    )) as DeliverySpeedRow[];
  }

  async listForArticle(articleId: string, limit: number, offset: number): Promise<DeliveryLogRow[]> {
    return (await this.unitOfWork.manager.query(
      `SELECT d.id, d.kind, d.channel, d.status, d.attempts, d.last_error, d.last_response_code, d.next_attempt_at,
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
    return (await this.unitOfWork.manager.query(
      `SELECT delivery_id, attempt, started_at, finished_at, outcome, error, response_code
       FROM delivery_attempts WHERE delivery_id = ANY($1::bigint[]) ORDER BY delivery_id, id`,
      [deliveryIds],
    )) as AttemptLogRow[];
  }
}

/** A rate rule as a lane's claim applies it: `email`, a host, `*.domain` or `*`; `count` sends per `periodSeconds`. */
export interface LaneRateRule {
  pattern: string;
  count: number;
  periodSeconds: number;
}

/** What claimLaneWithin came to: the deliveries claimed, and per destination how many it held back until when. */
export interface LimitedClaim {
  claimed: ClaimedDelivery[];
  heldBack: { destination: string; held: number; roomAt: Date }[];
}

/** One attempt's end, as the delivery worker hands it over for batched recording. */
export interface RecordedOutcome {
  delivery: Pick<ClaimedDelivery, 'id' | 'attempt'>;
  startedAt: Date;
  finishedAt: Date;
  outcome: DeliveryOutcome;
}

export interface DeliveryLogRow {
  id: string;
  kind: DeliveryKind;
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

/** One channel's delivery speed for an article; seconds as float8, null when nothing was sent. */
export interface DeliverySpeedRow {
  channel: Channel;
  total: number;
  sent: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  within: number;
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
    publishedAt: row.published_at,
    alert: { headline: row.headline, standfirst: row.standfirst, url: row.url, section: row.section, priority: row.priority, language: row.language },
    correction: row.correction_note === null ? null : { note: row.correction_note },
    email:
      row.subscriber_id && row.email !== null
        ? { subscriberId: row.subscriber_id, email: row.email, confirmed: row.subscriber_status === 'confirmed' }
        : null,
    push:
      row.push_subscription_id && row.endpoint !== null && row.p256dh !== null && row.auth !== null
        ? { pushSubscriptionId: row.push_subscription_id, endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth, active: row.push_active === true }
        : null,
    traceparent: row.fan_out_traceparent,
  };
}
