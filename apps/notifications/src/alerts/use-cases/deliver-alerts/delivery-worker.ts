import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WakeSignal } from '@newsroom/persistence';
import { schemaOf, urlOf } from '@newsroom/persistence';
import { deliveriesChannel } from '../../persistence/article-alert.repository';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { DeliverAlertUseCase } from './deliver-alert.use-case';
import { WorkerLease } from './worker-lease';

/** Alerts in flight at once; small, so one slow SMTP server or push service cannot swamp us. */
export const DELIVERY_CONCURRENCY = 5;
/** Fallback when no notification arrives: picks up retries that come due. */
const POLL_INTERVAL_MS = 1000;
/** How often other workers' abandoned deliveries are looked for (always at start-up). */
const SWEEP_INTERVAL_MS = 30_000;
const ABANDONED_NOTE = 'interrupted while sending (worker stopped); not retried so that no one gets the alert twice';

/**
 * Sends pending deliveries, up to DELIVERY_CONCURRENCY at a time. Started on
 * application bootstrap (after migrations), stopped before the database
 * connections close. A notification from the fan-out transaction wakes it at
 * once, so an alert leaves within milliseconds of the published event's commit.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  readonly workerId = randomUUID();
  private lease?: WorkerLease;
  private running = false;
  private loop?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly wakeSignal = new WakeSignal();
  private lastSweepAt = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly deliver: DeliverAlertUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const schema = schemaOf(this.dataSource);
    this.lease = new WorkerLease(
      {
        url: urlOf(this.dataSource),
        schema,
        workerId: this.workerId,
        channel: deliveriesChannel(schema),
        applicationName: 'notifications-delivery-worker',
      },
      () => this.wake(),
    );
    await this.lease.connect();
    await this.sweepAbandoned();
    this.running = true;
    this.loop = this.run();
    this.logger.log({ workerId: this.workerId, concurrency: DELIVERY_CONCURRENCY }, 'delivery worker started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    await this.lease?.close();
    this.logger.log({ workerId: this.workerId }, 'delivery worker stopped');
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      // Cleared before claiming: a notification from here on wakes the next sleep.
      this.wakeSignal.clear();
      try {
        if (!this.lease?.isHealthy) await this.lease?.connect();
        if (Date.now() - this.lastSweepAt >= SWEEP_INTERVAL_MS) await this.sweepAbandoned();
        const free = DELIVERY_CONCURRENCY - this.inFlight.size;
        if (free > 0) {
          const claimed = await this.deliveries.claimDue(this.workerId, free);
          for (const delivery of claimed) this.track(this.deliver.execute(delivery, this.workerId));
          failures = 0;
          if (claimed.length === free) continue;
        }
      } catch (error) {
        failures += 1;
        this.logger.warn({ err: error, failures }, 'delivery worker could not claim deliveries; will retry');
      }
      await this.sleep(failures > 0 ? Math.min(10_000, 250 * 2 ** failures) : POLL_INTERVAL_MS);
    }
    // Sends already started finish and are recorded; nothing new is claimed.
    await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    const tracked: Promise<void> = work
      .catch((error: unknown) => this.logger.error({ err: error }, 'unexpected error while delivering an alert'))
      .finally(() => {
        this.inFlight.delete(tracked);
        this.wake();
      });
    this.inFlight.add(tracked);
  }

  /**
   * Deliveries left `sending` by a worker that no longer runs (this one before
   * a crash, or another replica) are marked `unknown` and logged, never resent.
   */
  private async sweepAbandoned(): Promise<void> {
    this.lastSweepAt = Date.now();
    if (!this.lease) return;
    for (const workerId of await this.deliveries.workersWithSendingDeliveries(this.workerId)) {
      if (!(await this.lease.isGone(workerId))) continue;
      const abandoned = await this.deliveries.markAbandoned(workerId, ABANDONED_NOTE);
      for (const delivery of abandoned) {
        this.logger.warn(
          { deliveryId: delivery.id, articleId: delivery.articleId, channel: delivery.channel, previousWorker: workerId },
          'delivery was interrupted while sending; marked unknown and not resent',
        );
      }
    }
  }

  private wake(): void {
    this.wakeSignal.wake();
  }

  private sleep(ms: number): Promise<void> {
    return this.running ? this.wakeSignal.sleep(ms) : Promise.resolve();
  }
}
