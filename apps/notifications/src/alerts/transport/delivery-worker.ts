import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BackgroundLoop, schemaOf, urlOf, type RoundOutcome } from '@newsroom/persistence';
import { deliveriesChannel, DeliveryRepository } from '../persistence/delivery.repository';
import { DeliverAlertCommand } from '../use-cases/deliver-alert/deliver-alert.command';
import { DeliverAlertUseCase } from '../use-cases/deliver-alert/deliver-alert.use-case';

/** Alerts in flight at once; small, so one slow SMTP server or push service cannot swamp us. */
export const DELIVERY_CONCURRENCY = 5;
/** Fallback when no notification arrives: picks up retries that come due. */
const POLL_INTERVAL_MS = 1000;
/** Back-off cap when claiming keeps failing (the database is away). */
const MAX_BACKOFF_MS = 10_000;
/** How often other workers' abandoned deliveries are looked for (always in the first round). */
const SWEEP_INTERVAL_MS = 30_000;
const ABANDONED_NOTE = 'interrupted while sending (worker stopped); not retried so that no one gets the alert twice';

/**
 * Sends pending deliveries, up to DELIVERY_CONCURRENCY at a time, as rounds of
 * a BackgroundLoop. Every replica runs one, each holding a member lease named
 * after its id, so a worker can tell a live one from one that crashed. Started
 * on application bootstrap (after migrations), stopped before the database
 * connections close. The fan-out's NOTIFY wakes it on commit, so an alert
 * leaves within milliseconds of the published event being applied.
 *
 * Never two alerts, at the price of possibly none: a delivery is `sending`
 * (committed) before it is sent; one left `sending` by a worker whose lease is
 * gone is marked `unknown` and never resent.
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
  private readonly inFlight = new Set<Promise<void>>();
  private lastSweepAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly deliver: DeliverAlertUseCase,
  ) {}

  onApplicationBootstrap(): void {
    const schema = schemaOf(this.dataSource);
    this.loop = new BackgroundLoop({
      name: 'delivery-worker',
      url: urlOf(this.dataSource),
      schema,
      lease: { kind: 'member', id: this.workerId },
      channel: deliveriesChannel(schema),
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
    this.logger.log({ workerId: this.workerId, concurrency: DELIVERY_CONCURRENCY }, 'delivery worker started');
  }

  /** Sends already started finish and are recorded, with the lease still held; nothing new is claimed. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.loop || !this.claiming) return;
    this.claiming = false;
    await this.currentRound;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.loop.stop();
    this.logger.log({ workerId: this.workerId }, 'delivery worker stopped');
  }

  private async round(): Promise<RoundOutcome> {
    if (!this.claiming) return 'idle';
    if (Date.now() - this.lastSweepAt >= SWEEP_INTERVAL_MS) await this.sweepAbandoned();
    const free = DELIVERY_CONCURRENCY - this.inFlight.size;
    if (free <= 0) return 'idle';
    const claimed = await this.deliveries.claimDue(this.workerId, free);
    for (const deliveryId of claimed) {
      this.track(this.deliver.execute(DeliverAlertCommand.create({ deliveryId, workerId: this.workerId })));
    }
    return claimed.length === free ? 'more' : 'idle';
  }

  private track(work: Promise<unknown>): void {
    const tracked: Promise<void> = work
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'unexpected error while delivering an alert'))
      .finally(() => {
        this.inFlight.delete(tracked);
        this.loop?.wake();
      });
    this.inFlight.add(tracked);
  }

  /**
   * Deliveries left `sending` by a worker that no longer runs (this process
   * before a crash, or another replica) are marked `unknown` and logged, never resent.
   */
  private async sweepAbandoned(): Promise<void> {
    this.lastSweepAt = Date.now();
    const loop = this.loop;
    if (!loop) return;
    for (const workerId of await this.deliveries.workersWithSendingDeliveries(this.workerId)) {
      if (!(await loop.isMemberGone(workerId))) continue;
      for (const delivery of await this.deliveries.markAbandoned(workerId, ABANDONED_NOTE)) {
        this.logger.warn(
          { deliveryId: delivery.id, articleId: delivery.articleId, channel: delivery.channel, previousWorker: workerId },
          'delivery was interrupted while sending; marked unknown and not resent',
        );
      }
    }
  }
}
