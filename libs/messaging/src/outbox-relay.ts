import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';
import { Partitioners, type Message, type Producer } from 'kafkajs';
import { DataSource, IsNull } from 'typeorm';
import { storableText } from '@newsroom/contracts';
import { BackgroundLoop, OutboxMessageEntity, schemaOf, urlOf } from '@newsroom/persistence';
import { connectUntilReachable, type BrokerConnection } from './broker-connection';
import { createKafka } from './kafka-client';
import { MESSAGING_OPTIONS, type MessagingOptions, resolveMessagingOptions } from './messaging.options';
import { outboxChannel } from './outbox';

const BATCH_SIZE = 200;
/** How much of a failed send's error the outbox row keeps, in UTF-16 code units. */
export const LAST_ERROR_MAX_LENGTH = 2000;

/**
 * What the relay has done since the process started, for metrics and the readiness
 * probe (libs/observability reads it; the relay knows nothing of Prometheus).
 */
export class RelayActivity {
  /** Events the broker acknowledged, by topic. */
  readonly sentByTopic = new Map<string, number>();
  /** Send attempts that failed (each is retried, in order, by the next round). */
  failures = 0;
  /** Since when every attempt has failed; undefined once one succeeds. */
  failingSince?: Date;
  lastError?: string;

  recordSent(topic: string, count: number): void {
    this.sentByTopic.set(topic, (this.sentByTopic.get(topic) ?? 0) + count);
    this.failingSince = undefined;
  }

  recordFailure(error: unknown, at = new Date()): void {
    this.failures += 1;
    this.failingSince ??= at;
    this.lastError = error instanceof Error ? error.message : String(error);
  }
}

/**
 * Publishes outbox rows to Kafka in commit order and marks them sent.
 *
 * Exactly one relay per service is active: it holds a session advisory lock on
 * its LISTEN connection, so a second replica stands by until the first one's
 * connection goes away. Rows are sent in `seq` order with acks=all and one
 * request in flight, so an article's events reach its partition in order. A row
 * is marked sent only after the broker acknowledged it; a crash in between
 * publishes it again, which the consumers' inboxes absorb.
 */
/** How long start-up waits for the relay's first connection before serving without it (ms). */
const FIRST_CONNECT_WAIT_MS = 2000;

@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly options: Required<MessagingOptions>;
  private producer?: Producer;
  private loop?: BackgroundLoop;
  private connection?: BrokerConnection;
  private stopped = false;
  readonly activity = new RelayActivity();

  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.options = resolveMessagingOptions(options);
  }

  /** False on a rebuild replica (MessagingOptions.relay): its outbox is never published. */
  get enabled(): boolean {
    return this.options.relay;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.relay) return;
    this.producer = createKafka(`${this.options.serviceName}-relay`, this.options.brokers, this.options.security).producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: false,
      maxInFlightRequests: 1,
    });
    // A service that reaches the broker relays from its first request (the first attempt takes
    // milliseconds then, and is waited for); a broker away at start only postpones the relay
    // (connectUntilReachable), and holds the HTTP server back at most FIRST_CONNECT_WAIT_MS
    // while events wait in the outbox.
    this.connection = connectUntilReachable(this.producer, `${this.options.serviceName}: the outbox relay`);
    void this.connection.connected.then(() => this.startLoop());
    await Promise.race([this.connection.connected, new Promise((resolve) => setTimeout(resolve, FIRST_CONNECT_WAIT_MS).unref())]);
  }

  private startLoop(): void {
    if (this.stopped || this.loop) return;
    const schema = schemaOf(this.dataSource);
    this.loop = new BackgroundLoop({
      name: 'outbox-relay',
      url: urlOf(this.dataSource),
      schema,
      lease: { kind: 'leader' },
      channel: outboxChannel(schema),
      pollIntervalMs: this.options.relayPollIntervalMs,
      round: async () => ((await this.publishBatch()) === BATCH_SIZE ? 'more' : 'idle'),
    });
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.connection?.stop();
    await this.loop?.stop();
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** True while this replica holds the relay's lease (one relay per service sends). */
  get isLeader(): boolean {
    return this.loop?.isActive ?? false;
  }

  /** Number of rows not yet published; exposed for health and tests. */
  async backlog(): Promise<number> {
    return this.dataSource.getRepository(OutboxMessageEntity).countBy({ sentAt: IsNull() });
  }

  private async publishBatch(): Promise<number> {
    const repository = this.dataSource.getRepository(OutboxMessageEntity);
    const rows = await repository.find({ where: { sentAt: IsNull() }, order: { seq: 'ASC' }, take: BATCH_SIZE });
    if (rows.length === 0 || !this.producer) return 0;
    try {
      // One topic at a time, in seq order: a batch never reorders an article's events.
      for (const run of consecutiveRunsByTopic(rows)) {
        await this.send(run[0].topic, run);
        await repository
          .createQueryBuilder()
          .update()
          .set({ sentAt: () => 'now()', attempts: () => 'attempts + 1', lastError: null })
          .whereInIds(run.map((row) => row.seq))
          .execute();
        this.activity.recordSent(run[0].topic, run.length);
      }
    } catch (error) {
      this.activity.recordFailure(error);
      await repository
        .createQueryBuilder()
        .update()
        .set({ attempts: () => 'attempts + 1', lastError: storableError(error) })
        .where('seq = :seq', { seq: rows[0].seq })
        .execute()
        .catch(() => undefined);
      throw error;
    }
    return rows.length;
  }

  /**
   * One request per run; with tracing on, one per stretch of rows from the same trace, sent
   * inside that trace's context so the kafkajs instrumentation's send span (and the
   * traceparent it writes on each message) hangs under the span that recorded the event,
   * not under the relay's loop. Still in seq order, one request at a time.
   */
  private async send(topic: string, rows: OutboxMessageEntity[]): Promise<void> {
    const producer = this.producer as Producer;
    const toMessage = (row: OutboxMessageEntity): Message => ({ key: row.messageKey, value: JSON.stringify(row.payload), headers: { ...row.headers } });
    if (propagation.fields().length === 0) {
      await producer.send({ topic, acks: -1, messages: rows.map(toMessage) });
      return;
    }
    for (const stretch of consecutiveRunsBy(rows, (row) => row.headers.traceparent ?? '')) {
      const parent = propagation.extract(ROOT_CONTEXT, stretch[0].headers);
      await context.with(parent, () => producer.send({ topic, acks: -1, messages: stretch.map(toMessage) }));
    }
  }
}

/**
 * A failed send's message as the outbox row keeps it. The message may quote the broker or an
 * event's own text: it is cut between characters (no lone surrogate) and characters PostgreSQL
 * refuses (NUL) are replaced, so recording the failure cannot itself fail.
 */
export function storableError(error: unknown): string {
  return storableText(String(error instanceof Error ? error.message : error), LAST_ERROR_MAX_LENGTH);
}

function consecutiveRunsByTopic(rows: OutboxMessageEntity[]): OutboxMessageEntity[][] {
  return consecutiveRunsBy(rows, (row) => row.topic);
}

function consecutiveRunsBy<T>(rows: T[], keyOf: (row: T) => string): T[][] {
  const runs: T[][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && keyOf(last[0]) === keyOf(row)) last.push(row);
    else runs.push([row]);
  }
  return runs;
}
