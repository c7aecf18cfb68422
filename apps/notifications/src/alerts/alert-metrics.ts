import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { countedAndTimed, counter, gauge, secondsBetween } from '@newsroom/observability';
import type { Channel } from './domain/delivery-status';

/**
 * Seconds from publication to the hand-off to the SMTP server or the push service. 120 is
 * a bucket edge on purpose: the share of alerts handed off within 2 minutes is the
 * delivery SLO (deploy/prometheus/alerts.yaml).
 */
const DELIVERY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

const recordHandOff = countedAndTimed(
  {
    name: 'newsroom_alerts_handed_off_total',
    help: 'Alert attempts by channel and outcome: sent (accepted by the SMTP server or push service), pending (will retry), failed, cancelled.',
    labelNames: ['channel', 'outcome'],
  },
  {
    name: 'newsroom_alert_delivery_seconds',
    help: 'Seconds from the article going live (approval, for a story published at once) to its alert being accepted by the SMTP server or push service, by channel.',
    labelNames: ['channel'],
    buckets: DELIVERY_BUCKETS,
  },
);

/** Records one delivery attempt; `publishedAt` (when known) times a successful hand-off. */
export function recordAlertAttempt(channel: Channel, outcome: string, publishedAt: Date | null, at = new Date()): void {
  recordHandOff({ channel, outcome }, outcome === 'sent' && publishedAt ? secondsBetween(publishedAt, at) : undefined);
}

const deferred = counter({
  name: 'newsroom_alerts_deferred_total',
  help: 'Due alerts a claim round left pending because their destination (email = the SMTP relay, a push host or *.domain) had no room in its DELIVERY_RATE_LIMITS window or was paused; no attempt is spent. One alert held over several rounds counts each time.',
  labelNames: ['channel', 'destination'],
});

const paused = counter({
  name: 'newsroom_alert_destination_pauses_total',
  help: 'Times a destination was paused for every worker because it asked to slow down (push 429, or 503 with Retry-After; SMTP 421/451).',
  labelNames: ['channel', 'destination'],
});

/** Counts `count` due alerts of `channel` held back by `destination`'s limit in one claim round. */
export function recordAlertsDeferred(channel: Channel, destination: string, count: number): void {
  deferred.inc({ channel, destination }, count);
}

/** Counts one pause of `destination` after it asked to slow down. */
export function recordDestinationPaused(channel: Channel, destination: string): void {
  paused.inc({ channel, destination });
}

/**
 * The fan-out's queue at each scrape: alerts queued (pending, including retries) and in
 * hand (sending), by channel. One query on `deliveries`.
 */
@Injectable()
export class DeliveryQueueMetrics implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const { dataSource } = this;
    gauge({
      name: 'newsroom_deliveries_waiting',
      help: 'Alerts not yet handed off, by channel and status (pending: queued or waiting to retry; sending: claimed by a worker).',
      labelNames: ['channel', 'status'],
      async collect() {
        const rows = (await dataSource.query(
          `SELECT channel, status, count(*)::int AS n FROM deliveries WHERE status IN ('pending', 'sending') GROUP BY channel, status`,
        )) as { channel: string; status: string; n: number }[];
        this.reset();
        for (const channel of ['email', 'push']) for (const status of ['pending', 'sending']) this.set({ channel, status }, 0);
        for (const row of rows) this.set({ channel: row.channel, status: row.status }, row.n);
      },
    });
  }
}
