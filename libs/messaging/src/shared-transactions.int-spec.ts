/**
 * Consecutive events of a partition applied in one transaction (InboundEventProcessor.applyTogether,
 * fed by BatchedKafkaServer), against the real PostgreSQL and a real broker: what is applied never
 * changes — every event once, in order per article, failures retried or dead-lettered one by one —
 * only how many commits it takes.
 */
import { Controller, type INestApplication } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource, Logger as QueryLogger } from 'typeorm';
import { EVENT_TYPES, TOPICS, createEvent, type EventOf } from '@newsroom/contracts';
import { CreateOutboxAndInbox1764000000000, UnitOfWork, UnitOfWorkModule, buildDataSourceOptions, runMigrationsUnderLock } from '@newsroom/persistence';
import { createTestDatabase, startLocalBroker, type LocalBroker, type TestDatabase } from '@newsroom/testing';
import { readDeadLetters, type DeadLetter } from './dead-letters';
import { ConsumeTopic, Inbound, type InboundMessage } from './inbound-message';
import { InboundEventProcessor, type EventHandlers, type PrepareChunk, type ProcessedEvent } from './inbound-processor';
import { kafkaConsumerTransport } from './kafka-transport';
import { MessagingModule } from './messaging.module';
import { Outbox, outboxChannel } from './outbox';
import { provisionTopics } from './topic-provisioning';

jest.setTimeout(120_000);

const SCHEMA = 'shared_transactions';
const SERVICE = 'shared-transactions-test';
const ARTICLES = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);

type Claimed = EventOf<'news.article.review-claimed.v1'>;

/** Each applied event's effect with the id of the transaction that stored it; no unique key, so a second effect would show. */
const CREATE_EFFECTS = `CREATE TABLE effects (
  seq bigserial PRIMARY KEY, event_id uuid NOT NULL, article_id uuid NOT NULL, revision int NOT NULL, tx bigint NOT NULL DEFAULT txid_current())`;

function claimed(articleId: string, revision: number): Claimed {
  return createEvent(EVENT_TYPES.reviewClaimed, { articleId, revision, editorId: 'editor', claimedAt: new Date().toISOString() }, { subject: articleId });
}

/** Events that fail on their first attempt(s), by event id: how many attempts are left to fail. */
const failuresLeft = new Map<string, number>();

/** The event a handler records in the outbox for `event`: same article and revision, another editor. */
function announced(event: Claimed): Claimed {
  return createEvent(EVENT_TYPES.reviewClaimed, { ...event.data, editorId: `echo of ${event.id}` }, { subject: event.subject });
}

/** For each event handled, whether the row it recorded in the outbox was there for the handler's next statement. */
const outboxRowSeenAtOnce = new Map<string, boolean>();

/** The SQL statements the service's data source ran, in order (TypeORM calls `logQuery` for each). */
const statements: string[] = [];
const statementLog: QueryLogger = {
  logQuery: (query) => void statements.push(query),
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};
const statementsWriting = (table: 'inbox' | 'outbox') => statements.filter((sql) => new RegExp(`INSERT INTO ${table}\\b`).test(sql)).length;

@Controller()
class ClaimedEventsConsumer {
  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
  ) {}

  readonly handlers: EventHandlers = {
    [EVENT_TYPES.reviewClaimed]: async (event: Claimed) => {
      await this.unitOfWork.manager.query(`INSERT INTO effects (event_id, article_id, revision) VALUES ($1, $2, $3)`, [
        event.id,
        event.data.articleId,
        event.data.revision,
      ]);
      const echo = announced(event);
      await this.outbox.record(echo);
      const [{ n }] = await this.unitOfWork.manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM outbox WHERE event_id = $1', [echo.id]);
      outboxRowSeenAtOnce.set(event.id, n === 1);
      const left = failuresLeft.get(event.id) ?? 0;
      if (left > 0) {
        failuresLeft.set(event.id, left - 1);
        throw new Error(`lock timeout applying revision ${event.data.revision}`);
      }
    },
  };

  /** Each chunk preparation: the events it was given, its transaction, and how many effects were stored when it ran. */
  readonly preparations: { eventIds: string[]; tx: string; effectsSeen: number }[] = [];
  failPreparation = false;

  readonly prepare: PrepareChunk = async (events) => {
    const [{ tx, n }] = await this.unitOfWork.manager.query<{ tx: string; n: number }[]>('SELECT txid_current()::text AS tx, (SELECT count(*)::int FROM effects) AS n');
    this.preparations.push({ eventIds: events.map((event) => event.id), tx, effectsSeen: n });
    if (this.failPreparation) throw new Error('could not lock the chunk\'s rows');
  };

  @ConsumeTopic(TOPICS.review)
  async onClaimed(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.handlers, this.prepare);
  }
}

describe('events sharing a transaction', () => {
  let db: TestDatabase;
  let broker: LocalBroker;
  let moduleRef: TestingModule;
  let dataSource: DataSource;
  let processor: InboundEventProcessor;
  let consumer: ClaimedEventsConsumer;
  let app: INestApplication;
  const processed: ProcessedEvent[] = [];

  beforeAll(async () => {
    [db, broker] = await Promise.all([createTestDatabase('newsroom_shared_tx'), startLocalBroker()]);
    await provisionTopics({ brokers: broker.brokers, settings: { replicationFactor: 1, minInsyncReplicas: 1, retentionMs: -1, deadLetterRetentionMs: -1 } });
    moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({
          ...buildDataSourceOptions({ url: db.url, schema: SCHEMA, applicationName: SERVICE, entities: [], migrations: [CreateOutboxAndInbox1764000000000] }),
          logger: statementLog,
        }),
        UnitOfWorkModule,
        MessagingModule.forRootAsync({
          inject: [],
          // No relay: the events the handlers record stay in the outbox for the tests to read.
          useFactory: () => ({ serviceName: SERVICE, brokers: broker.brokers, maxAttempts: 3, retryBaseDelayMs: 20, relay: false }),
        }),
      ],
      controllers: [ClaimedEventsConsumer],
    }).compile();
    dataSource = moduleRef.get<DataSource>(getDataSourceToken());
    await runMigrationsUnderLock(dataSource, SCHEMA);
    await dataSource.query(CREATE_EFFECTS);
    processor = moduleRef.get(InboundEventProcessor);
    consumer = moduleRef.get(ClaimedEventsConsumer);
    processor.activity.onProcessed((event) => processed.push(event));
    // The consumer is connected now and started only by the test that reads from the broker.
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.connectMicroservice(kafkaConsumerTransport({ serviceName: SERVICE, brokers: broker.brokers, consumerGroup: `${SERVICE}-${Date.now()}` }, processor));
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await broker?.stop();
    await db?.drop();
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE effects, inbox, outbox');
    processed.length = 0;
    failuresLeft.clear();
    outboxRowSeenAtOnce.clear();
    statements.length = 0;
    consumer.preparations.length = 0;
    consumer.failPreparation = false;
  });

  let offset = 0;
  const message = (value: unknown): InboundMessage => ({
    topic: TOPICS.review,
    partition: 0,
    offset: String((offset += 1)),
    key: ARTICLES[0],
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: {},
    heartbeat: async () => undefined,
  });
  const where = { topic: TOPICS.review, partition: 0 };

  /** Applies `messages` together as the transport does; returns the offsets settled, in order. */
  async function applyTogether(messages: InboundMessage[]): Promise<string[]> {
    const settled: string[] = [];
    await processor.applyTogether(messages, (m) => consumer.onClaimed(m), (m) => settled.push(m.offset), where);
    return settled;
  }

  /**
   * Everything on the review topic's dead-letter topic. The reader does not retry, and the first
   * group on a fresh broker may meet its coordinator still loading: that is asked again.
   */
  async function deadLetters(): Promise<DeadLetter[]> {
    for (let tries = 1; ; tries += 1) {
      try {
        return await readDeadLetters(broker.brokers, TOPICS.review);
      } catch (error) {
        if (tries >= 10 || !/coordinator/i.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  const effects = (): Promise<{ event_id: string; revision: number; tx: string }[]> => dataSource.query('SELECT event_id, revision, tx FROM effects ORDER BY seq');

  it('applies consecutive events in one transaction, each with its own inbox row, and settles them in order after the commit', async () => {
    const events = [1, 2, 3, 4, 5].map((revision) => claimed(ARTICLES[0], revision));
    const messages = events.map(message);

    const settled = await applyTogether(messages);

    expect(settled).toEqual(messages.map((m) => m.offset));
    const stored = await effects();
    expect(stored.map((row) => row.revision)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(stored.map((row) => row.tx)).size).toBe(1);
    const inbox = await dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)`, [events.map((e) => e.id)]);
    expect(inbox[0].n).toBe(5);
    expect(processed.map((p) => p.outcome)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    // The chunk's inbox rows in one statement, its outbox rows in another.
    expect(statementsWriting('inbox')).toBe(1);
    expect(statementsWriting('outbox')).toBe(1);
  });

  it('applies the others of a chunk and not an event already in the inbox, from the one statement that writes their inbox rows', async () => {
    const earlier = claimed(ARTICLES[5], 1);
    await applyTogether([message(earlier)]);
    processed.length = 0;
    statements.length = 0;

    // The earlier event comes again, at a later offset, as a redelivery does.
    const settled = await applyTogether([message(claimed(ARTICLES[5], 2)), message(earlier), message(claimed(ARTICLES[5], 3))]);

    expect(settled).toHaveLength(3);
    const stored = await effects();
    expect(stored.map((row) => row.revision)).toEqual([1, 2, 3]);
    // The chunk did not fall back: both new events were applied in its one transaction.
    expect(new Set(stored.slice(1).map((row) => row.tx)).size).toBe(1);
    expect(processed.map((p) => p.outcome)).toEqual(['applied', 'duplicate', 'applied']);
    expect(statementsWriting('inbox')).toBe(1);
    const recorded = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox WHERE payload->'data'->>'editorId' = $1`, [`echo of ${earlier.id}`]);
    expect(recorded[0].n).toBe(1);
  });

  it('records the outbox rows of a chunk with one statement before the commit, in the order recorded, and wakes the relay once', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    const notifications: string[] = [];
    listener.on('notification', (notification) => notifications.push(notification.channel));
    await listener.query(`LISTEN "${outboxChannel(SCHEMA)}"`);
    try {
      const events = [claimed(ARTICLES[0], 1), claimed(ARTICLES[1], 1), claimed(ARTICLES[0], 2), claimed(ARTICLES[2], 1), claimed(ARTICLES[1], 2)];

      await applyTogether(events.map(message));

      const rows = await dataSource.query<{ payload: Claimed; message_key: string }[]>('SELECT payload, message_key FROM outbox ORDER BY seq');
      expect(rows.map((row) => row.payload.data.editorId)).toEqual(events.map((event) => `echo of ${event.id}`));
      expect(rows.map((row) => row.message_key)).toEqual(events.map((event) => event.subject));
      expect(statementsWriting('outbox')).toBe(1);
      // Gathered, not written as recorded: no handler saw its own row.
      expect([...outboxRowSeenAtOnce.values()]).toEqual(events.map(() => false));
      for (let tries = 0; notifications.length === 0 && tries < 100; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      await listener.query('SELECT 1'); // a round trip after the commit's notification: any second one would be in by now
      expect(notifications).toEqual([outboxChannel(SCHEMA)]);
    } finally {
      await listener.end();
    }
  });

  it('writes an event recorded outside a shared chunk at once: alone from the broker, and in a unit of work of its own', async () => {
    const alone = claimed(ARTICLES[4], 2);
    await applyTogether([message(alone)]);
    expect(outboxRowSeenAtOnce.get(alone.id)).toBe(true);

    const unitOfWork = moduleRef.get(UnitOfWork);
    const outbox = moduleRef.get(Outbox);
    const event = claimed(ARTICLES[4], 3);
    const seen = await unitOfWork.run(async () => {
      await outbox.record(event);
      return unitOfWork.manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM outbox WHERE event_id = $1', [event.id]);
    });
    expect(seen[0].n).toBe(1);
  });

  it('applies an event delivered twice in the same chunk once', async () => {
    const event = claimed(ARTICLES[1], 1);
    const settled = await applyTogether([message(event), message(claimed(ARTICLES[1], 2)), message(event)]);

    expect(settled).toHaveLength(3);
    expect((await effects()).map((row) => row.revision)).toEqual([1, 2]);
    expect(processed.map((p) => p.outcome)).toEqual(['applied', 'applied', 'duplicate']);
  });

  it('rolls the whole chunk back when one event fails, then applies each on its own: every effect once, the failing one retried', async () => {
    const events = [1, 2, 3, 4].map((revision) => claimed(ARTICLES[2], revision));
    failuresLeft.set(events[2].id, 2); // fails in the chunk, then once more on its own, then succeeds

    const settled = await applyTogether(events.map(message));

    expect(settled).toHaveLength(4);
    const stored = await effects();
    expect(stored.map((row) => row.revision)).toEqual([1, 2, 3, 4]);
    // Nothing of the rolled-back chunk survived: each effect is from its own transaction.
    expect(new Set(stored.map((row) => row.tx)).size).toBe(4);
    expect(processed.map((p) => p.outcome)).toEqual(['applied', 'applied', 'applied', 'applied']);
    // One outbox row per event, from the one-at-a-time path, which writes it at once.
    const recorded = await dataSource.query<{ payload: Claimed }[]>('SELECT payload FROM outbox ORDER BY seq');
    expect(recorded.map((row) => row.payload.data.editorId)).toEqual(events.map((event) => `echo of ${event.id}`));
    expect(events.map((event) => outboxRowSeenAtOnce.get(event.id))).toEqual([true, true, true, true]);
  });

  it('dead-letters an invalid event in a chunk once, on its own, and applies the others', async () => {
    const before = claimed(ARTICLES[3], 1);
    const after = claimed(ARTICLES[3], 2);
    const invalid = { ...claimed(ARTICLES[3], 3), data: { articleId: ARTICLES[3], revision: 0 } };

    const settled = await applyTogether([message(before), message(invalid), message(after)]);

    expect(settled).toHaveLength(3);
    const stored = await effects();
    expect(stored.map((row) => row.revision)).toEqual([1, 2]);
    expect(new Set(stored.map((row) => row.tx)).size).toBe(2);
    expect(processed.map((p) => p.outcome)).toEqual(['applied', 'dead-lettered', 'applied']);
    const inbox = await dataSource.query<{ event_id: string }[]>('SELECT event_id FROM inbox ORDER BY "offset"');
    expect(inbox.map((row) => row.event_id)).toEqual([before.id, after.id]);
    const letters = (await deadLetters()).filter((letter) => [before.id, invalid.id, after.id].some((id) => letter.value.includes(id)));
    expect(letters.map((letter) => (JSON.parse(letter.value) as { id: string }).id)).toEqual([invalid.id]);
  });

  it('takes the one-event path for a chunk of one', async () => {
    const settled = await applyTogether([message(claimed(ARTICLES[4], 1))]);
    expect(settled).toHaveLength(1);
    expect((await effects()).map((row) => row.revision)).toEqual([1]);
    expect([...outboxRowSeenAtOnce.values()]).toEqual([true]);
    // A chunk preparation is for events sharing a transaction only.
    expect(consumer.preparations).toEqual([]);
  });

  it('prepares a shared chunk once, in its transaction and before its first handler, with the events it applies and not one already in the inbox', async () => {
    const earlier = claimed(ARTICLES[5], 1);
    await applyTogether([message(earlier)]);
    const fresh = [claimed(ARTICLES[5], 2), claimed(ARTICLES[4], 1)];

    await applyTogether([message(fresh[0]), message(earlier), message(fresh[1])]);

    const stored = await effects();
    expect(consumer.preparations).toEqual([{ eventIds: fresh.map((event) => event.id), tx: stored[1].tx, effectsSeen: 1 }]);
    expect(stored.map((row) => row.event_id)).toEqual([earlier.id, ...fresh.map((event) => event.id)]);
  });

  it('rolls a chunk back when its preparation fails, and applies each event on its own, unprepared', async () => {
    consumer.failPreparation = true;
    const events = [1, 2, 3].map((revision) => claimed(ARTICLES[0], revision));

    const settled = await applyTogether(events.map(message));

    expect(settled).toHaveLength(3);
    const stored = await effects();
    expect(stored.map((row) => row.revision)).toEqual([1, 2, 3]);
    expect(new Set(stored.map((row) => row.tx)).size).toBe(3);
    expect(consumer.preparations).toHaveLength(1);
    expect(processed.map((p) => p.outcome)).toEqual(['applied', 'applied', 'applied']);
  });

  describe('through the real broker (BatchedKafkaServer)', () => {
    it('applies a backlog in fewer transactions than events: every event once, in order per article, a failing one retried', async () => {
      const perArticle = 50;
      const events = Array.from({ length: perArticle }, (_, i) => ARTICLES.map((article) => claimed(article, i + 1))).flat();
      failuresLeft.set(events[77].id, 1);
      const producer = new Kafka({ clientId: 'shared-tx-producer', brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer({
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      await producer.send({ topic: TOPICS.review, acks: -1, messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })) });
      await producer.disconnect();

      // The backlog waits on the topic before the consumer starts, so fetches bring many events at once.
      await app.startAllMicroservices();

      const deadline = Date.now() + 60_000;
      let stored = await effects();
      while (new Set(stored.map((row) => row.event_id)).size < events.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        stored = await effects();
      }

      expect(stored).toHaveLength(events.length);
      expect(new Set(stored.map((row) => row.event_id)).size).toBe(events.length);
      for (const article of ARTICLES) {
        const revisions = (await dataSource.query('SELECT revision FROM effects WHERE article_id = $1 ORDER BY seq', [article])).map(
          (row: { revision: number }) => row.revision,
        );
        expect(revisions).toEqual(Array.from({ length: perArticle }, (_, i) => i + 1));
      }
      const transactions = new Set(stored.map((row) => row.tx)).size;
      expect(transactions).toBeLessThan(events.length / 4);
    });
  });
});
