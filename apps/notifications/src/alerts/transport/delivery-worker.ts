import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ROOT_CONTEXT, SpanKind, context } from '@opentelemetry/api';
import { inStoryTrace } from '@newsroom/messaging';
import { BackgroundLoop, schemaOf, urlOf, type RoundOutcome } from '@newsroom/persistence';
import type { DeliveryRateLimits } from '../../config/delivery-rate-limits';
import type { NotificationsConfig } from '../../config/notifications.config';
import { NOTIFICATIONS_CONFIG } from '../../shared/notifications-config.token';
import { recordAlertsDeferred, recordDestinationPaused } from '../alert-metrics';
import type { ClaimedDelivery } from '../domain/delivery';
import type { Channel } from '../domain/delivery-status';
import { MAX_DELIVERY_ATTEMPTS, MAX_RESENDS_AFTER_UNKNOWN } from '../domain/retry-policy';
import { deliveriesChannel, DeliveryRepository, type LaneRateRule, type RecordedOutcome } from '../persistence/delivery.repository';
import { DeliverAlertUseCase } from '../use-cases/deliver-alert/deliver-alert.use-case';
import { OutcomeBatch } from './outcome-batch';

/** Sends in flight at once per channel when the configuration does not say (DELIVERY_CONCURRENCY). */
export const DELIVERY_CONCURRENCY = 5;
const CHANNELS: readonly Channel[] = ['email', 'push'];
/** Fallback when no notification arrives: picks up retries that come due (ms). A lane whose claim found nothing waits as long before asking again, unless woken by new work. */
export const POLL_INTERVAL_MS = 1000;
/** Back-off cap when claiming keeps failing (the database is away). */
const MAX_BACKOFF_MS = 10_000;
/** How often other workers' abandoned deliveries are looked for (always in the first round). */
const SWEEP_INTERVAL_MS = 30_000;
/** How often a worker that is sending logs its progress. */
const PROGRESS_INTERVAL_MS = 5_000;
/**
 * The least a lane waits before asking again for a destination with no room, in ms: the
 * database's clock decides when a window ends, and one a little behind ours must not make the
 * lane ask again and again in the meantime.
 */
const MIN_HOLD_MS = 20;
/** The delivery log's words for an attempt cut off by a worker that stopped, re-sent or not. */
const RESENT_NOTE = 'outcome unknown: interrupted while sending (worker stopped); re-sent with the same Message-ID / Topic';
const GIVEN_UP_NOTE = 'outcome unknown: interrupted while sending (worker stopped); not re-sent, its re-sends or attempts are used up';

/**
 * How many deliveries beyond its concurrency a lane holds claimed: as many again, when it has no
 * rate rules (those claim per free slot, within the destination's allowance). They are the next
 * sends, in hand when a send finishes, so its slot does not wait for the statement that stores
 * outcomes and claims replacements (one batch is written at a time, about 10 ms each under load;
 * a lane of 50 sending 1,000 a second left about a quarter of its slots idle waiting for it). It
 * is also how many more `sending` rows than its concurrency a crash can leave.
 */
export function readAheadOf(concurrency: number, rateLimited: boolean): number {
  return rateLimited ? 0 : concurrency;
}

/** A channel's own queue in this worker: its sends, the deliveries claimed for it, and what they came to since the last progress line. */
interface Lane {
  channel: Channel;
  /** Sends at once, at most. */
  concurrency: number;
  /** Deliveries held claimed beyond the concurrency (readAheadOf). */
  readAhead: number;
  /** Claimed, not yet started: started as sends finish. */
  ready: ClaimedDelivery[];
  /** Sends under way now (at most `concurrency`). */
  sending: number;
  /** Deliveries asked for by claims still running, counted as held until they answer. */
  asking: number;
  /** Every started delivery until its outcome is stored: the sends under way and the outcomes waiting to be stored. */
  inFlight: Set<Promise<void>>;
  done: Record<string, number>;
  /** The lane's DELIVERY_RATE_LIMITS rules; null when none applies, and then it claims as it always did. */
  rules: LaneRateRule[] | null;
  /** Destinations with no room now, and when (epoch ms) they have room again: not asked for until then. */
  held: Map<string, number>;
  /** Deliveries held back per destination since the last progress line. */
  deferred: Record<string, number>;
  /**
   * When (epoch ms) a claim for this lane last came back with fewer deliveries than it asked:
   * nothing more was due. Until new work is committed (the fan-out's NOTIFY) or POLL_INTERVAL_MS
   * passes (retries come due by the clock), the lane does not ask again; undefined when its last
   * claim was filled. Lanes with rate rules, which come back short for want of room, not work, keep none.
   */
  drainedAt?: number;
  /** The wake-up set for the earliest `held` destination to have room again. */
  wakeTimer?: NodeJS.Timeout;
  wakeAt?: number;
}

/** A lane's rate rules, as claimLaneWithin applies them; null when the lane has none. */
function laneRules(channel: Channel, limits: DeliveryRateLimits | undefined): LaneRateRule[] | null {
  if (!limits) return null;
  if (channel === 'email') return limits.email ? [{ pattern: 'email', ...limits.email }] : null;
  return limits.push.length > 0 ? limits.push.map((rule) => ({ pattern: rule.pattern, ...rule.rate })) : null;
}

/**
 * Sends pending deliveries as rounds of a BackgroundLoop, each channel in its
 * own lane with its own concurrency (DELIVERY_CONCURRENCY, e.g. `email=50,push=50`),
 * so pushes never wait behind e-mails; within a lane, breaking alerts go first.
 * A lane holds claimed at most its concurrency and its read-ahead (readAheadOf):
 * the sends under way, the next ones ready to start, and the sent ones whose
 * outcomes are not stored yet. A round claims what a lane has room for, with
 * text and recipient, in one statement per lane; a finished send's slot takes
 * the next ready delivery at once, and its outcome is stored in a batch
 * (OutcomeBatch) whose statement also claims what brings a busy lane (without
 * rate rules) back to what it may hold, so a full lane needs no claims of its own.
 * Every replica runs one, each holding a member lease named after its id, so a
 * worker can tell a live one from one that crashed; SKIP LOCKED lets workers in
 * several processes share the queue. Started on application bootstrap (after
 * migrations), stopped before the database connections close. The fan-out's
 * NOTIFY wakes it on commit.
 *
 * Exactly one alert in effect: a delivery is `sending` (committed) before it
 * is sent; one left `sending` by a worker whose lease is gone had an unknown
 * outcome (the SMTP server may have taken it just before the crash), so it is
 * re-sent — a bounded number of times — with the same Message-ID / Topic, which
 * mail clients and push services collapse into the copy that may have arrived.
 * After a crash, at most what the lanes hold is re-sent: their concurrency and
 * read-ahead, of which only the sends under way or not yet recorded may have
 * gone out before.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  readonly workerId = randomUUID();
  private loop?: BackgroundLoop;
  /** False from shutdown on: rounds claim nothing new. */
  private claiming = false;
  /** The round running now, so shutdown can wait for what it is claiming. */
  private currentRound: Promise<unknown> = Promise.resolve();
  private readonly lanes: Lane[];
  private readonly outcomes: OutcomeBatch;
  private lastSweepAt = 0;
  private lastProgressAt = Date.now();
  /** NOTIFYs of committed deliveries received so far (workCommitted). */
  private notifications = 0;
  /** The count of notifications when the outcome batch last asked for its refill (one batch is written at a time; noteClaim). */
  private refillAskedSince = 0;
  /** Pauses being recorded, awaited at shutdown before the database closes. */
  private readonly pauses = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly deliver: DeliverAlertUseCase,
    @Optional() @Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig | null = null,
  ) {
    const concurrency = config?.deliveryConcurrency ?? { email: DELIVERY_CONCURRENCY, push: DELIVERY_CONCURRENCY };
    const limits = config?.deliveryRateLimits;
    this.lanes = CHANNELS.map((channel) => {
      const rules = laneRules(channel, limits);
      return { channel, concurrency: concurrency[channel], readAhead: readAheadOf(concurrency[channel], rules !== null), ready: [], sending: 0, asking: 0, inFlight: new Set(), done: {}, rules, held: new Map(), deferred: {} };
    });
    // A batch of outcomes also claims, for lanes without rate rules, what brings them back to what they may hold.
    this.outcomes = new OutcomeBatch(deliveries, this.workerId, {
      wanted: (channel, finishing) => {
        const lane = this.laneOf(channel);
        if (!this.claiming || lane.rules) return 0;
        const wanted = Math.max(0, this.room(lane) + finishing);
        lane.asking += wanted;
        this.refillAskedSince = this.notifications;
        return wanted;
      },
      claimed: (deliveries, asked, stored) => {
        for (const lane of this.lanes) {
          const wanted = asked[lane.channel] ?? 0;
          lane.asking -= wanted;
          // A try that failed found nothing out about what is due.
          if (stored && wanted > 0) this.noteClaim(lane, wanted, deliveries.filter((delivery) => delivery.channel === lane.channel).length, this.refillAskedSince);
        }
        // Under no span of the batch's: each send joins its own story's trace (inFanOutTrace).
        context.with(ROOT_CONTEXT, () => {
          for (const lane of this.lanes) this.enqueue(lane, deliveries.filter((delivery) => delivery.channel === lane.channel));
        });
      },
    });
  }

  private laneOf(channel: Channel): Lane {
    return this.lanes.find((lane) => lane.channel === channel) ?? this.lanes[0];
  }

  onApplicationBootstrap(): void {
    const schema = schemaOf(this.dataSource);
    this.loop = new BackgroundLoop({
      name: 'delivery-worker',
      url: urlOf(this.dataSource),
      schema,
      lease: { kind: 'member', id: this.workerId },
      channel: deliveriesChannel(schema),
      // Deliveries were committed (a fan-out, a re-send): every lane may have work again.
      onNotification: () => this.workCommitted(),
      pollIntervalMs: POLL_INTERVAL_MS,
      maxBackoffMs: MAX_BACKOFF_MS,
      round: () => {
        const round = this.round();
        this.currentRound = round.catch(() => undefined);
        return round;
      },
    });
    this.claiming = true;
    this.loop.start();
    const concurrency = Object.fromEntries(this.lanes.map((lane) => [lane.channel, lane.concurrency]));
    const rateLimits = Object.fromEntries(this.lanes.filter((lane) => lane.rules).map((lane) => [lane.channel, lane.rules]));
    this.logger.log({ workerId: this.workerId, concurrency, ...(Object.keys(rateLimits).length > 0 ? { rateLimits } : {}) }, 'delivery worker started');
  }

  /** Sends already started, and the deliveries claimed ready for them, finish and are recorded, with the lease still held; nothing new is claimed. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.loop || !this.claiming) return;
    this.claiming = false;
    await this.currentRound;
    const inFlight = () => this.lanes.flatMap((lane) => [...lane.inFlight]);
    while (inFlight().length > 0) await Promise.allSettled(inFlight());
    for (const lane of this.lanes) clearTimeout(lane.wakeTimer);
    while (this.pauses.size > 0) await Promise.allSettled([...this.pauses]);
    await this.outcomes.drain();
    await this.loop.stop();
    this.logProgress(true);
    this.logger.log({ workerId: this.workerId }, 'delivery worker stopped');
  }

  private async round(): Promise<RoundOutcome> {
    if (!this.claiming) return 'idle';
    if (Date.now() - this.lastSweepAt >= SWEEP_INTERVAL_MS) await this.sweepAbandoned();
    this.logProgress(false);
    const filled = await Promise.all(this.lanes.map((lane) => this.fill(lane)));
    return filled.some(Boolean) ? 'more' : 'idle';
  }

  /**
   * How many more deliveries the lane may claim: its concurrency and read-ahead, less what it
   * holds (claimed and not started, sending, or waiting for its outcome to be stored) and what
   * claims still running asked for.
   */
  private room(lane: Lane): number {
    return lane.concurrency + lane.readAhead - lane.ready.length - lane.inFlight.size - lane.asking;
  }

  /**
   * Claims as many of the lane's deliveries as it has room for and starts them as slots allow;
   * true when it got all it asked. A busy lane waits until it has room for a quarter of its
   * concurrency, so one claim serves many sends instead of one claim per finished send.
   */
  private async fill(lane: Lane): Promise<boolean> {
    const free = this.room(lane);
    if (free <= 0 || (lane.inFlight.size > 0 && free < Math.ceil(lane.concurrency / 4))) return false;
    // Its last claim found nothing more due: asking again at every finished send of the other
    // lane (each one wakes the loop) would be an empty statement each time.
    if (lane.drainedAt !== undefined && Date.now() - lane.drainedAt < POLL_INTERVAL_MS) return false;
    lane.asking += free;
    try {
      if (lane.rules) return await this.fillWithin(lane, lane.rules, free);
      const since = this.notifications;
      const claimed = await this.deliveries.claimLane(this.workerId, lane.channel, free);
      this.noteClaim(lane, free, claimed.length, since);
      this.enqueue(lane, claimed);
      return claimed.length === free;
    } finally {
      lane.asking -= free;
    }
  }

  /**
   * fill() under DELIVERY_RATE_LIMITS: one claim statement that also takes the round's
   * allowance per destination. Destinations that held deliveries back are not asked for again
   * until they have room (a timer wakes the loop then); the e-mail lane has one destination, so
   * it does not claim at all meanwhile. True when the claim may have left more due deliveries
   * of other destinations behind the ones held back, or filled every slot.
   */
  private async fillWithin(lane: Lane, rules: LaneRateRule[], free: number): Promise<boolean> {
    const now = Date.now();
    for (const [destination, roomAt] of lane.held) if (roomAt <= now) lane.held.delete(destination);
    if (lane.channel === 'email' && lane.held.size > 0) return false;
    const { claimed, heldBack } = await this.deliveries.claimLaneWithin(this.workerId, lane.channel, free, rules, [...lane.held.keys()]);
    this.enqueue(lane, claimed);
    let held = 0;
    for (const entry of heldBack) {
      held += entry.held;
      this.hold(lane, entry.destination, entry.roomAt.getTime());
      lane.deferred[entry.destination] = (lane.deferred[entry.destination] ?? 0) + entry.held;
      recordAlertsDeferred(lane.channel, entry.destination, entry.held);
    }
    return claimed.length === free || (lane.channel === 'push' && held > 0 && claimed.length + held === free);
  }

  /** Deliveries were committed or queued again: every lane may have work, and claims already under way may have missed it. */
  private workCommitted(): void {
    this.notifications += 1;
    for (const lane of this.lanes) lane.drainedAt = undefined;
  }

  /**
   * Records whether a claim of `asked` deliveries for a lane without rate rules found as many due
   * (Lane.drainedAt). `since` is the count of notifications when the claim was made: one that
   * came back short after new work was committed may not have seen it, so it proves nothing.
   */
  private noteClaim(lane: Lane, asked: number, got: number, since: number): void {
    if (lane.rules) return;
    lane.drainedAt = got < asked && since === this.notifications ? Date.now() : undefined;
  }

  /** Asks no more of `destination` in this lane until `roomAt` (epoch ms), and wakes the loop then. */
  private hold(lane: Lane, destination: string, roomAt: number): void {
    lane.held.set(destination, Math.max(roomAt, Date.now() + MIN_HOLD_MS, lane.held.get(destination) ?? 0));
    this.armWake(lane);
  }

  /** One timer per lane, set for the earliest held destination still to come; it re-arms itself for the next. */
  private armWake(lane: Lane): void {
    const now = Date.now();
    const next = Math.min(...[...lane.held.values()].filter((at) => at > now));
    if (!Number.isFinite(next) || lane.wakeAt === next) return;
    clearTimeout(lane.wakeTimer);
    lane.wakeAt = next;
    lane.wakeTimer = setTimeout(() => {
      lane.wakeAt = undefined;
      this.loop?.wake();
      this.armWake(lane);
    }, next - now);
    lane.wakeTimer.unref();
  }

  /**
   * The destination answered "slow down" (push 429, SMTP 421/451): held back in this lane at
   * once and paused for every worker through `delivery_destinations`. Sends already in flight
   * may answer the same; a pause this lane already holds is not written again.
   */
  private pause(lane: Lane, destination: string, pauseMs: number): void {
    const until = Date.now() + pauseMs;
    if ((lane.held.get(destination) ?? 0) >= until - 1000) return;
    this.hold(lane, destination, until);
    recordDestinationPaused(lane.channel, destination);
    this.logger.warn({ workerId: this.workerId, channel: lane.channel, destination, pauseMs, until: new Date(until).toISOString() }, 'destination asked to slow down; paused for every worker');
    const writing: Promise<void> = this.deliveries
      .pauseDestination(destination, new Date(until))
      .catch((error: unknown) => this.logger.warn({ err: error, destination }, 'could not record a destination pause; other workers will meet it themselves'))
      .finally(() => this.pauses.delete(writing));
    this.pauses.add(writing);
  }

  /** Claimed deliveries join the lane's ready queue, and as many start as it has free slots. */
  private enqueue(lane: Lane, claimed: readonly ClaimedDelivery[]): void {
    lane.ready.push(...claimed);
    this.startReady(lane);
  }

  private startReady(lane: Lane): void {
    while (lane.sending < lane.concurrency && lane.ready.length > 0) this.start(lane, lane.ready.shift()!);
  }

  /**
   * Sends one delivery in a slot of the lane. The slot is free again once the send has an
   * outcome, and the next ready delivery starts in it at once; the delivery stays in flight
   * (its row `sending`) until the outcome is stored.
   */
  private start(lane: Lane, delivery: ClaimedDelivery): void {
    lane.sending += 1;
    let slotFreed = false;
    const freeSlot = () => {
      if (slotFreed) return;
      slotFreed = true;
      lane.sending -= 1;
      this.startReady(lane);
    };
    const record = (entry: RecordedOutcome) => {
      freeSlot();
      return this.outcomes.add({ ...entry, channel: delivery.channel });
    };
    const tracked: Promise<void> = this.inFanOutTrace(delivery, () => this.deliver.deliverClaimed(delivery, this.workerId, record))
      .then((result) => {
        lane.done[result.status] = (lane.done[result.status] ?? 0) + 1;
        if (lane.rules && delivery.destination && 'pauseMs' in result && result.pauseMs !== undefined) this.pause(lane, delivery.destination, result.pauseMs);
      })
      .catch((error: unknown) => this.logger.error({ err: error, deliveryId: delivery.id }, 'unexpected error while delivering an alert'))
      .finally(() => {
        freeSlot();
        lane.inFlight.delete(tracked);
        this.loop?.wake();
      });
    lane.inFlight.add(tracked);
  }

  /**
   * The send as a CLIENT span under the article's fan-out (its stored traceparent), so each alert
   * hangs under the story's trace instead of this loop's. Ids only: no address or endpoint.
   */
  private inFanOutTrace<T extends { status: string }>(delivery: ClaimedDelivery, send: () => Promise<T>): Promise<T> {
    const attributes = { 'newsroom.alert.channel': delivery.channel, 'newsroom.article.id': delivery.articleId, 'newsroom.delivery.id': delivery.id, 'newsroom.delivery.attempt': delivery.attempt };
    return inStoryTrace(delivery.traceparent, { name: `send ${delivery.channel}`, kind: SpanKind.CLIENT, attributes }, async (span) => {
      const result = await send();
      span.setAttributes({ 'newsroom.delivery.outcome': result.status });
      return result;
    });
  }

  /** A line every few seconds while alerts go out: per channel, what the attempts came to, the send rate and what is in flight. */
  private logProgress(force: boolean): void {
    const elapsedMs = Date.now() - this.lastProgressAt;
    if (!force && elapsedMs < PROGRESS_INTERVAL_MS) return;
    this.lastProgressAt = Date.now();
    let active = false;
    const channels = Object.fromEntries(
      this.lanes.map((lane) => {
        const done = lane.done;
        lane.done = {};
        const heldBack = this.heldBack(lane);
        active ||= Object.keys(done).length > 0 || lane.inFlight.size > 0 || lane.ready.length > 0 || heldBack !== undefined;
        return [lane.channel, { ...done, inFlight: lane.sending, claimedAhead: lane.ready.length, sentPerSecond: Math.round(((done.sent ?? 0) * 1000) / Math.max(elapsedMs, 1)), ...(heldBack ? { heldBack } : {}) }];
      }),
    );
    if (active) this.logger.log({ workerId: this.workerId, ...channels }, 'delivery progress');
  }

  /**
   * For the progress line: each destination of the lane holding deliveries back now or since the
   * last line — how many it deferred and until when it has no room; undefined when none.
   */
  private heldBack(lane: Lane): Record<string, { deferred: number; until?: string }> | undefined {
    const now = Date.now();
    const destinations = new Set([...Object.keys(lane.deferred), ...[...lane.held].filter(([, at]) => at > now).map(([destination]) => destination)]);
    if (destinations.size === 0) return undefined;
    const heldBack = Object.fromEntries(
      [...destinations].map((destination) => {
        const until = lane.held.get(destination);
        return [destination, { deferred: lane.deferred[destination] ?? 0, ...(until !== undefined && until > now ? { until: new Date(until).toISOString() } : {}) }];
      }),
    );
    lane.deferred = {};
    return heldBack;
  }

  /**
   * Deliveries left `sending` by a worker that no longer runs (this process
   * before a crash, or another replica) are logged `unknown` and queued to be
   * re-sent with their same Message-ID / Topic, within MAX_RESENDS_AFTER_UNKNOWN.
   */
  private async sweepAbandoned(): Promise<void> {
    this.lastSweepAt = Date.now();
    const loop = this.loop;
    if (!loop) return;
    let requeued = false;
    for (const workerId of await this.deliveries.workersWithSendingDeliveries(this.workerId)) {
      if (!(await loop.isMemberGone(workerId))) continue;
      const limits = { maxResends: MAX_RESENDS_AFTER_UNKNOWN, maxAttempts: MAX_DELIVERY_ATTEMPTS };
      for (const delivery of await this.deliveries.markAbandoned(workerId, limits, { resent: RESENT_NOTE, givenUp: GIVEN_UP_NOTE })) {
        this.logger.warn(
          { deliveryId: delivery.id, articleId: delivery.articleId, channel: delivery.channel, attempt: delivery.attempt, previousWorker: workerId },
          delivery.resent
            ? 'delivery was interrupted while sending; re-sending it with the same Message-ID / Topic'
            : 'delivery was interrupted while sending; re-sends used up, marked unknown',
        );
        requeued ||= delivery.resent;
      }
    }
    if (requeued) this.workCommitted();
  }
}
