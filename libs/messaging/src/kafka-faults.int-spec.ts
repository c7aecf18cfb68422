/**
 * Broker faults on a real three-node Apache Kafka cluster (KRaft, each JVM a
 * broker and a controller; topics with replication factor 3 and
 * min.insync.replicas 2), while 1,000 events flow from the outbox through the
 * real OutboxRelay (acks=all) to a consumer on the Nest Kafka transport that
 * applies them through the real InboundEventProcessor and inbox, on the real
 * database. Each fault is real: a JVM killed with SIGKILL, frozen with
 * SIGSTOP, or restarted. Each test asserts that every event took effect, once,
 * in order per article.
 *
 * Tagged by the `-faults.int-spec.ts` suffix: they run as their own stage
 * (`npm test -- faults`, jest project `faults`), not in the integration stage.
 */
import { Controller, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import { Kafka, Partitioners, logLevel, type Admin, type PartitionMetadata } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { EVENT_TYPES, TOPICS, createEvent, deadLetterTopicOf, type EventOf } from '@newsroom/contracts';
import { CreateOutboxAndInbox1764000000000, UnitOfWork, UnitOfWorkModule, buildDataSourceOptions, runMigrationsUnderLock } from '@newsroom/persistence';
import { brokerKindFromEnv, createTestDatabase, startKafkaCluster, type KafkaCluster, type KafkaNode, type TestDatabase } from '@newsroom/testing';
import { ConsumeTopic, Inbound, type InboundMessage } from './inbound-message';
import { InboundEventProcessor, type EventHandlers } from './inbound-processor';
import { kafkaConsumerTransport } from './kafka-transport';
import { MessagingModule } from './messaging.module';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { provisionTopics } from './topic-provisioning';

jest.setTimeout(180_000);

const SCHEMA = 'faults';
const SERVICE = 'faults-test';
const TOPIC = TOPICS.review;
/** 20 articles × 50 revisions: 1,000 events per test. */
const ARTICLE_COUNT = 20;
const REVISIONS = 50;
/** The consumer transport's session timeout (kafka-transport.ts); a frozen broker stays frozen longer than this. */
const CONSUMER_SESSION_TIMEOUT_MS = 10_000;

type Claimed = EventOf<'news.article.review-claimed.v1'>;

/** The effect of each applied event, in the order applied; no unique key, so a second effect would show. */
const CREATE_EFFECTS = `CREATE TABLE fault_effects (
  seq bigserial PRIMARY KEY, event_id uuid NOT NULL, article_id uuid NOT NULL, revision int NOT NULL)`;

@Controller()
class ClaimedEventsConsumer {
  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  private readonly handlers: EventHandlers = {
    [EVENT_TYPES.reviewClaimed]: async (event: Claimed) => {
      await this.unitOfWork.manager.query(`INSERT INTO fault_effects (event_id, article_id, revision) VALUES ($1, $2, $3)`, [
        event.id,
        event.data.articleId,
        event.data.revision,
      ]);
    },
  };

  @ConsumeTopic(TOPIC)
  async onClaimed(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.handlers);
  }
}

// The mock (NEWSROOM_BROKER=mock, a machine without Java) has no JVMs to kill: the
// suite is reported as skipped there, never passed.
const describeOnKafka = brokerKindFromEnv() === 'mock' ? describe.skip : describe;

describeOnKafka('delivery through real broker faults (three-node Apache Kafka cluster)', () => {
  let cluster: KafkaCluster;
  let db: TestDatabase;
  let app: INestApplication;
  let dataSource: DataSource;
  let admin: Admin;
  let round = 0;
  const consumerGroup = `${SERVICE}-${Date.now()}`;

  beforeAll(async () => {
    // Each is kept as soon as it runs, so afterAll stops it even if the other failed.
    await Promise.all([
      startKafkaCluster({ nodes: 3 }).then((started) => (cluster = started)),
      createTestDatabase('newsroom_faults').then((created) => (db = created)),
    ]);
    await provisionTopics({
      brokers: cluster.brokers,
      settings: { replicationFactor: 3, minInsyncReplicas: 2, retentionMs: -1, deadLetterRetentionMs: -1 },
    });
    admin = new Kafka({ clientId: 'faults-observer', brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();

    const messaging = { serviceName: SERVICE, brokers: cluster.brokers, consumerGroup };
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(
          buildDataSourceOptions({ url: db.url, schema: SCHEMA, applicationName: SERVICE, entities: [], migrations: [CreateOutboxAndInbox1764000000000] }),
        ),
        UnitOfWorkModule,
        MessagingModule.forRootAsync({ inject: [], useFactory: () => messaging }),
      ],
      controllers: [ClaimedEventsConsumer],
    }).compile();
    dataSource = moduleRef.get<DataSource>(getDataSourceToken());
    await runMigrationsUnderLock(dataSource, SCHEMA);
    await dataSource.query(CREATE_EFFECTS);
    app = moduleRef.createNestApplication({ logger: ['error'] });
    app.connectMicroservice(kafkaConsumerTransport(messaging, moduleRef.get(InboundEventProcessor)));
    await app.init();
    await app.startAllMicroservices();
  });

  afterAll(async () => {
    await app?.close();
    await admin?.disconnect();
    await cluster?.stop();
    await db?.drop();
  });

  afterEach(async () => {
    if (!cluster || !admin) return;
    // The next test starts from a whole cluster, whatever this one left behind.
    for (const node of cluster.nodes) {
      if (!node.running) await node.start();
      else node.resume();
    }
    await fullyReplicated(admin);
  });

  /** A fresh set of articles per test, so each test checks only its own events. */
  function articles(): string[] {
    round += 1;
    return Array.from({ length: ARTICLE_COUNT }, (_, i) => `00000000-0000-4000-8${String(round).padStart(3, '0')}-${String(i + 1).padStart(12, '0')}`);
  }

  /**
   * Records revision 1..REVISIONS of every article, one unit of work per
   * revision, `pauseMs` apart, and calls `atRevision` as the flow passes it.
   */
  async function flow(ids: string[], pauseMs: number, atRevision: Record<number, () => void | Promise<void>>): Promise<Claimed[]> {
    const unitOfWork = app.get(UnitOfWork);
    const outbox = app.get(Outbox);
    const recorded: Claimed[] = [];
    for (let revision = 1; revision <= REVISIONS; revision += 1) {
      const events = ids.map((articleId) =>
        createEvent(EVENT_TYPES.reviewClaimed, { articleId, revision, editorId: 'faults-editor', claimedAt: new Date().toISOString() }, { subject: articleId }),
      );
      await unitOfWork.run(() => outbox.record(...events));
      recorded.push(...events);
      await atRevision[revision]?.();
      await sleep(pauseMs);
    }
    return recorded;
  }

  /** Waits until every recorded event has an effect, then checks: each exactly once, in revision order per article. */
  async function expectEveryEventAppliedOnceInOrder(recorded: Claimed[], ids: string[]): Promise<void> {
    const applied = async () =>
      Number((await dataSource.query(`SELECT count(DISTINCT event_id)::int AS n FROM fault_effects WHERE article_id = ANY($1)`, [ids]))[0].n);
    const deadline = Date.now() + 120_000;
    while ((await applied()) < recorded.length && Date.now() < deadline) await sleep(250);

    const effects: { event_id: string; article_id: string; revision: number }[] = await dataSource.query(
      `SELECT event_id, article_id, revision FROM fault_effects WHERE article_id = ANY($1) ORDER BY seq`,
      [ids],
    );
    const missing = recorded.filter((event) => !effects.some((effect) => effect.event_id === event.id));
    if (missing.length > 0) {
      // Where the missing events are stuck: still in the outbox, or on the topic but not consumed.
      const unsent = await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL AND event_id = ANY($1)`, [missing.map((e) => e.id)]);
      const ends = await admin.fetchTopicOffsets(TOPIC);
      const [committed] = await admin.fetchOffsets({ groupId: consumerGroup, topics: [TOPIC] });
      const lag = ends.map((end) => ({ partition: end.partition, end: end.high, committed: committed.partitions.find((p) => p.partition === end.partition)?.offset }));
      expect({ missing: missing.length, of: recorded.length, unsentInOutbox: unsent[0].n, lag }).toEqual({ missing: 0, of: recorded.length });
    }
    const twice = effects.length - new Set(effects.map((effect) => effect.event_id)).size;
    expect({ appliedTwice: twice }).toEqual({ appliedTwice: 0 });
    for (const id of ids) {
      const order = effects.filter((effect) => effect.article_id === id).map((effect) => effect.revision);
      expect({ article: id, order }).toEqual({ article: id, order: Array.from({ length: REVISIONS }, (_, i) => i + 1) });
    }
    expect(await app.get(OutboxRelay).backlog()).toBe(0);
    const deadLetters = await admin.fetchTopicOffsets(deadLetterTopicOf(TOPIC));
    expect(deadLetters.map((p) => p.high)).toEqual(deadLetters.map((p) => p.low));
  }

  it('loses nothing when the leader of an article partition is killed (SIGKILL) mid-flow', async () => {
    const ids = articles();
    let killed: KafkaNode | undefined;
    const recorded = await flow(ids, 100, {
      15: async () => {
        killed = cluster.node(await leaderOf(admin, TOPIC, ids[0]));
        killed.kill('SIGKILL');
      },
    });
    await killed?.exited();
    await expectEveryEventAppliedOnceInOrder(recorded, ids);
  });

  it("rides out the consumer group's coordinator frozen (SIGSTOP) for longer than the session timeout, then continued", async () => {
    const ids = articles();
    let frozen: KafkaNode | undefined;
    const recorded = await flow(ids, 100, {
      15: async () => {
        // The coordinator holds the group's session and offsets: while it hangs, the
        // consumer can neither heartbeat nor commit, so events already applied come again.
        frozen = cluster.node(await coordinatorOf(admin, consumerGroup));
        frozen.pause();
      },
    });
    await sleep(CONSUMER_SESSION_TIMEOUT_MS + 2_000);
    frozen?.resume();
    await expectEveryEventAppliedOnceInOrder(recorded, ids);
  });

  it('keeps every event through a rolling restart of all three nodes', async () => {
    const ids = articles();
    const restarting = (async () => {
      await sleep(1_000);
      for (const node of cluster.nodes) {
        await node.restart();
        await fullyReplicated(admin);
      }
    })();
    const recorded = await flow(ids, 250, {});
    await restarting;
    await expectEveryEventAppliedOnceInOrder(recorded, ids);
  });
});

/** The node that leads the partition holding `articleId`'s events (kafkajs's default partitioner, keyed by article). */
async function leaderOf(admin: Admin, topic: string, articleId: string): Promise<number> {
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
  const partitionMetadata: PartitionMetadata[] = metadata.partitions;
  const partition = Partitioners.DefaultPartitioner()({ topic, partitionMetadata, message: { key: articleId, value: null } });
  return partitionMetadata.find((p) => p.partitionId === partition)!.leader;
}

/**
 * The node coordinating `groupId`: the leader of its partition of
 * __consumer_offsets, which Kafka picks by the group id's Java hashCode.
 */
async function coordinatorOf(admin: Admin, groupId: string): Promise<number> {
  let hash = 0;
  for (const char of groupId) hash = (Math.imul(31, hash) + char.charCodeAt(0)) | 0;
  const [offsets] = (await admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] })).topics;
  const partition = (hash & 0x7fffffff) % offsets.partitions.length;
  return offsets.partitions.find((p) => p.partitionId === partition)!.leader;
}

/** Waits until every partition of the article topic and of the group offsets has a leader and all three replicas in sync. */
async function fullyReplicated(admin: Admin, timeoutMs = 60_000): Promise<void> {
  const topics = [TOPIC, deadLetterTopicOf(TOPIC), '__consumer_offsets'];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      if (described.every((t) => t.partitions.every((p) => p.leader >= 0 && p.isr.length === 3))) return;
    } catch {
      // a node is still coming back
    }
    if (Date.now() > deadline) throw new Error(`the cluster did not get back to three in-sync replicas within ${timeoutMs} ms`);
    await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
