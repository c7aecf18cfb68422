import { connect } from 'node:net';
import { Kafka, logLevel, type Admin } from 'kafkajs';

import { startLocalBroker } from '../local-broker';
import { WorkerKafkaPool } from './worker-kafka';

jest.setTimeout(120_000);

const TOPIC = 'newsroom.worker-kafka.check.v1';

async function withAdmin<T>(brokers: string[], work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: 'worker-kafka-spec', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** What one suite leaves behind: a topic with an event in it and, when named, a consumer group with an offset. */
async function leaveTraces(brokers: string[], group?: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'worker-kafka-spec', brokers, logLevel: logLevel.NOTHING });
  await withAdmin(brokers, (admin) => admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }] }));
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: TOPIC, messages: [{ value: 'left by the last suite' }] });
  await producer.disconnect();
  if (group) await withAdmin(brokers, (admin) => admin.setOffsets({ groupId: group, topic: TOPIC, partitions: [{ partition: 0, offset: '1' }] }));
}

/** Whether anything listens on a broker's address (a stopped node refuses at once). */
const listening = (address: string) =>
  new Promise<boolean>((resolve) => {
    const [host, port] = address.split(':');
    const socket = connect({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const traces = (brokers: string[]) =>
  withAdmin(brokers, async (admin) => ({
    topics: (await admin.listTopics()).filter((name) => !name.startsWith('__')),
    groups: (await admin.listGroups()).groups.map((group) => group.groupId),
  }));

describe(WorkerKafkaPool.name, () => {
  const reports: string[] = [];
  const pool = new WorkerKafkaPool((line) => reports.push(line));

  afterAll(() => pool.close());

  it('lends the next suite the same node with no topic and no consumer group of the last one', async () => {
    const first = await pool.lenderFor('first.int-spec.ts').lend();
    await leaveTraces(first.brokers, 'first-suite-group');
    await expect(traces(first.brokers)).resolves.toEqual({ topics: [TOPIC], groups: ['first-suite-group'] });
    await first.stop();

    const second = await pool.lenderFor('second.int-spec.ts').lend();
    expect(second.brokers).toEqual(first.brokers);
    await expect(traces(second.brokers)).resolves.toEqual({ topics: [], groups: [] });
    // The topic is created afresh: the last suite's event is not in it.
    await leaveTraces(second.brokers);
    const offsets = await withAdmin(second.brokers, (admin) => admin.fetchTopicOffsets(TOPIC));
    expect(offsets).toEqual([expect.objectContaining({ partition: 0, low: '0', high: '1' })]);
    await second.stop();
    expect(reports).toEqual([]);
  });

  it('starts a new node when the last suite never gave it back', async () => {
    const kept = await pool.lenderFor('kept.int-spec.ts').lend();
    pool.suiteEnded('kept.int-spec.ts');

    const next = await pool.lenderFor('next.int-spec.ts').lend();
    expect(next.brokers).not.toEqual(kept.brokers);
    expect(reports).toEqual(['kept.int-spec.ts (ended without giving the broker back) kept the worker\'s node: starting a new one']);
    await next.stop();
    reports.length = 0;
  });

  it('starts a new node when a client of the last suite is still in a consumer group', async () => {
    const lent = await pool.lenderFor('leaky.int-spec.ts').lend();
    await leaveTraces(lent.brokers);
    const consumer = new Kafka({ clientId: 'worker-kafka-spec', brokers: lent.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: 'still-here' });
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPIC] });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ eachMessage: async () => undefined });
    await joined;
    await lent.stop();
    try {
      const next = await pool.lenderFor('after-leaky.int-spec.ts').lend();
      expect(next.brokers).not.toEqual(lent.brokers);
      expect(reports).toEqual(['consumer groups still-here still have members: starting a new node']);
      await expect(traces(next.brokers)).resolves.toEqual({ topics: [], groups: [] });
      await next.stop();
    } finally {
      await consumer.disconnect().catch(() => undefined);
      reports.length = 0;
    }
  });

  it('gives a suite that asks twice while holding the node a node of its own, stopped when it stops it', async () => {
    const lender = pool.lenderFor('two-brokers.int-spec.ts');
    const shared = await lender.lend();
    const own = await lender.lend();
    expect(own.brokers).not.toEqual(shared.brokers);
    await own.stop();
    await expect(listening(own.brokers[0])).resolves.toBe(false);
    // The worker's node is untouched by the other's stop.
    await expect(traces(shared.brokers)).resolves.toEqual({ topics: [], groups: [] });
    await shared.stop();
    expect(reports).toEqual([]);
  });
});

describe('startLocalBroker under the worker environment', () => {
  it('borrows the worker node for a plain request, and starts a node of its own for any other', async () => {
    const first = await startLocalBroker();
    await first.stop();
    const second = await startLocalBroker();
    expect(second.brokers).toEqual(first.brokers);
    // provisioned again on the wiped node, as on a new one
    const topics = await traces(second.brokers);
    expect(topics.topics.length).toBeGreaterThan(0);
    const own = await startLocalBroker({ heapMb: 256 });
    try {
      expect(own.brokers).not.toEqual(second.brokers);
    } finally {
      await Promise.all([own.stop(), second.stop()]);
    }
  });
});
