import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Partitioners, type Producer } from 'kafkajs';
import { DataSource, IsNull } from 'typeorm';
import { BackgroundLoop, OutboxMessageEntity, schemaOf, urlOf } from '@newsroom/persistence';
import { createKafka } from './kafka-client';
import { MESSAGING_OPTIONS, type MessagingOptions, resolveMessagingOptions } from './messaging.options';
import { outboxChannel } from './outbox';

const BATCH_SIZE = 200;

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
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly options: Required<MessagingOptions>;
  private producer?: Producer;
  private loop?: BackgroundLoop;

  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.options = resolveMessagingOptions(options);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.producer = createKafka(`${this.options.serviceName}-relay`, this.options.brokers, this.options.security).producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: false,
      maxInFlightRequests: 1,
    });
    await this.producer.connect();
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
    await this.loop?.stop();
    await this.producer?.disconnect().catch(() => undefined);
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
        await this.producer.send({
          topic: run[0].topic,
          acks: -1,
          messages: run.map((row) => ({ key: row.messageKey, value: JSON.stringify(row.payload), headers: row.headers })),
        });
        await repository
          .createQueryBuilder()
          .update()
          .set({ sentAt: () => 'now()', attempts: () => 'attempts + 1', lastError: null })
          .whereInIds(run.map((row) => row.seq))
          .execute();
      }
    } catch (error) {
      await repository
        .createQueryBuilder()
        .update()
        .set({ attempts: () => 'attempts + 1', lastError: String(error instanceof Error ? error.message : error).slice(0, 2000) })
        .where('seq = :seq', { seq: rows[0].seq })
        .execute()
        .catch(() => undefined);
      throw error;
    }
    return rows.length;
  }
}

function consecutiveRunsByTopic(rows: OutboxMessageEntity[]): OutboxMessageEntity[][] {
  const runs: OutboxMessageEntity[][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0].topic === row.topic) last.push(row);
    else runs.push([row]);
  }
  return runs;
}
