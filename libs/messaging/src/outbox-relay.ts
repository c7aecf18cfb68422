import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { DataSource, IsNull } from 'typeorm';
import { OutboxMessageEntity, schemaOf, urlOf } from '@newsroom/persistence';
import { createKafka } from './kafka-client';
import { MESSAGING_OPTIONS, type MessagingOptions, resolveMessagingOptions } from './messaging.options';
import { outboxChannel } from './outbox';
import { WakeSignal } from './wake-signal';

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
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly options: Required<MessagingOptions>;
  private producer?: Producer;
  private listener?: Client;
  private running = false;
  private isLeader = false;
  private readonly wakeSignal = new WakeSignal();
  private loop?: Promise<void>;
  private consecutiveFailures = 0;

  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.options = resolveMessagingOptions(options);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.producer = createKafka(`${this.options.serviceName}-relay`, this.options.brokers).producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: false,
      maxInFlightRequests: 1,
    });
    await this.producer.connect();
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeSignal.wake();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Number of rows not yet published; exposed for health and tests. */
  async backlog(): Promise<number> {
    return this.dataSource.getRepository(OutboxMessageEntity).countBy({ sentAt: IsNull() });
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!this.isLeader) await this.tryBecomeLeader();
        const published = this.isLeader ? await this.publishBatch() : 0;
        this.consecutiveFailures = 0;
        if (published === BATCH_SIZE) continue;
      } catch (error) {
        this.consecutiveFailures += 1;
        this.logger.warn({ err: error, failures: this.consecutiveFailures }, 'outbox relay could not publish; will retry');
        await this.dropLeadershipIfConnectionBroken();
      }
      const delay = this.consecutiveFailures > 0 ? Math.min(5000, 100 * 2 ** this.consecutiveFailures) : this.options.relayPollIntervalMs;
      await this.sleep(this.isLeader ? delay : Math.max(delay, 2000));
    }
  }

  private async tryBecomeLeader(): Promise<void> {
    const schema = schemaOf(this.dataSource);
    const url = urlOf(this.dataSource);
    const client = new Client({ connectionString: url, application_name: `${this.options.serviceName}-outbox-relay` });
    client.on('error', (err) => this.logger.warn({ err }, 'outbox relay listener connection failed'));
    await client.connect();
    const [{ acquired }] = (await client.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS acquired`, [`newsroom:outbox-relay:${schema}`])).rows;
    if (!acquired) {
      await client.end();
      return;
    }
    await client.query(`LISTEN ${outboxChannel(schema)}`);
    client.on('notification', () => this.wakeSignal.wake());
    client.on('end', () => {
      this.isLeader = false;
    });
    this.listener = client;
    this.isLeader = true;
    this.logger.log('outbox relay is active for this service');
  }

  private async dropLeadershipIfConnectionBroken(): Promise<void> {
    if (!this.listener) return;
    try {
      await this.listener.query('SELECT 1');
    } catch {
      this.isLeader = false;
      await this.listener.end().catch(() => undefined);
      this.listener = undefined;
    }
  }

  private async publishBatch(): Promise<number> {
    this.wakeSignal.clear();
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

  private sleep(ms: number): Promise<void> {
    return this.running ? this.wakeSignal.sleep(ms) : Promise.resolve();
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
