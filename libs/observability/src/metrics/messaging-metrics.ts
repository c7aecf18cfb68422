import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  BrokerOffsets,
  InboundEventProcessor,
  KafkaHealth,
  MESSAGING_OPTIONS,
  OutboxRelay,
  TOPIC_ACCESS,
  type MessagingOptions,
  type NewsroomService,
} from '@newsroom/messaging';
import { OutboxHealth } from '../health/outbox-status';
import { countedAndTimed, counter, gauge, secondsBetween, setCounterTotal } from './registry';

/** Seconds from an event's `time` to its effect in a consumer: 10 ms to 5 min. */
const EVENT_AGE_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
/** A scrape never waits longer than this for the broker; the lag series are then left out. */
const BROKER_READ_TIMEOUT_MS = 2000;

/**
 * The event pipeline's metrics: the outbox and its relay (producing side), the consumer's
 * outcomes, lag and dead letters (consuming side). Outbox and broker figures are read when
 * Prometheus scrapes, so they are as fresh as the scrape and cost nothing in between.
 */
@Injectable()
export class MessagingMetrics implements OnModuleInit {
  private readonly logger = new Logger(MessagingMetrics.name);

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly relay: OutboxRelay,
    private readonly processor: InboundEventProcessor,
    private readonly offsets: BrokerOffsets,
    private readonly outbox: OutboxHealth,
    private readonly broker: KafkaHealth,
  ) {}

  onModuleInit(): void {
    const { relay, processor, offsets, outbox, broker, logger } = this;
    // Readiness no longer fails on a lost broker (it strikes every replica at once): this is what pages on it.
    gauge({
      name: 'newsroom_broker_up',
      help: "1 when this replica reaches the broker with its own login (the readiness probe's kafka check), 0 when it does not.",
      async collect() {
        this.set((await broker.check()).up ? 1 : 0);
      },
    });
    let outboxRead: Promise<{ backlog: number; oldestUnsentSeconds: number } | undefined> | undefined;
    // Both outbox gauges come from one query per scrape; none on a rebuild replica, whose outbox is never sent.
    const readOutbox = () => {
      if (!relay.enabled) return Promise.resolve(undefined);
      outboxRead ??= outbox.status().catch((error: unknown) => {
        logger.warn({ err: error }, 'could not read the outbox for metrics');
        return undefined;
      });
      void outboxRead.finally(() => setImmediate(() => (outboxRead = undefined)));
      return outboxRead;
    };
    gauge({
      name: 'newsroom_outbox_backlog',
      help: 'Events recorded in the outbox and not yet acknowledged by the broker.',
      async collect() {
        const status = await readOutbox();
        if (status) this.set(status.backlog);
      },
    });
    gauge({
      name: 'newsroom_outbox_oldest_unsent_age_seconds',
      help: 'Age of the oldest event still waiting in the outbox, in seconds (0 when none waits).',
      async collect() {
        const status = await readOutbox();
        if (status) this.set(status.oldestUnsentSeconds);
      },
    });
    // Totals kept by the relay, brought up to date when scraped.
    counter({
      name: 'newsroom_relay_sent_total',
      help: 'Events the outbox relay sent and the broker acknowledged, by topic.',
      labelNames: ['topic'],
      collect() {
        for (const [topic, total] of relay.activity.sentByTopic) setCounterTotal(this, { topic }, total);
      },
    });
    counter({
      name: 'newsroom_relay_failures_total',
      help: 'Relay sends that failed (they are retried in order).',
      collect() {
        setCounterTotal(this, {}, relay.activity.failures);
      },
    });
    gauge({
      name: 'newsroom_relay_leader',
      help: '1 when this replica holds the relay lease and sends the outbox, 0 on a standby.',
      collect() {
        this.set(relay.isLeader ? 1 : 0);
      },
    });

    // Only an applied event is timed: a duplicate's or a skipped event's age says nothing about delay.
    const recordConsumed = countedAndTimed(
      {
        name: 'newsroom_events_consumed_total',
        help: 'Consumed events by topic, event type and outcome (applied, duplicate, skipped, dead-lettered).',
        labelNames: ['topic', 'type', 'outcome'],
      },
      {
        name: 'newsroom_event_age_seconds',
        help: "Seconds from an event's time (when its producer recorded it) until this consumer applied it, by event type.",
        labelNames: ['type'],
        buckets: EVENT_AGE_BUCKETS,
      },
    );
    processor.activity.onProcessed((event) => {
      const age = event.outcome === 'applied' && event.eventTime ? secondsBetween(event.eventTime, event.finishedAt) : undefined;
      recordConsumed({ topic: event.topic, type: event.eventType, outcome: event.outcome }, age);
    });

    const consumes = TOPIC_ACCESS[this.options.serviceName as NewsroomService]?.consumes ?? [];
    gauge({
      name: 'newsroom_consumer_lag',
      help: "Messages on a partition after this service's consumer group's committed offset.",
      labelNames: ['topic', 'partition'],
      async collect() {
        this.reset();
        const lags = await withTimeout(offsets.consumerLag(consumes)).catch((error: unknown) => {
          logger.warn({ err: error }, 'could not read consumer lag for metrics');
          return [];
        });
        for (const { topic, partition, lag } of lags) this.set({ topic, partition: String(partition) }, lag);
      },
    });
    gauge({
      name: 'newsroom_dead_letters',
      help: 'Messages kept on the dead-letter topics of the topics this service consumes: every consumer\'s letters, replayed or not, until retention removes them. What this service dead-lettered is newsroom_events_consumed_total{outcome="dead-lettered"}.',
      labelNames: ['topic'],
      async collect() {
        this.reset();
        const depths = await withTimeout(offsets.deadLetterDepth(consumes)).catch((error: unknown) => {
          logger.warn({ err: error }, 'could not read dead-letter depth for metrics');
          return [];
        });
        for (const { topic, depth } of depths) this.set({ topic }, depth);
      },
    });
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer from the broker in ${BROKER_READ_TIMEOUT_MS} ms`)), BROKER_READ_TIMEOUT_MS).unref()),
  ]);
}
