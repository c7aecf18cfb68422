import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

import { freePort } from '../free-port';
import { isPortClash, startKafkaCluster, type KafkaCluster } from './apache-kafka';

describe(startKafkaCluster.name, () => {
  jest.setTimeout(90_000);

  let squatter: Server;
  let cluster: KafkaCluster | undefined;

  beforeAll(async () => {
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await cluster?.stop();
    await new Promise((resolve) => squatter.close(resolve));
  });

  it('starts again on other ports when a chosen port is taken before the node binds it', async () => {
    const taken = (squatter.address() as { port: number }).port;
    let handedOut = 0;
    const log: string[] = [];
    // The first port handed out is already bound, as when a program outside the tests
    // takes a port between freePort() and the JVM's bind.
    cluster = await startKafkaCluster({
      freePort: () => (handedOut++ === 0 ? Promise.resolve(taken) : freePort()),
      log: (line) => log.push(line),
    });

    expect(cluster.brokers).toHaveLength(1);
    expect(cluster.brokers[0]).not.toBe(`127.0.0.1:${taken}`);
    expect(log.some((line) => line.includes('a Kafka port was taken while the node started (attempt 1)'))).toBe(true);
  });
});

describe('single throwaway nodes', () => {
  jest.setTimeout(90_000);
  const clusters: KafkaCluster[] = [];
  const keptDir = mkdtempSync(path.join(tmpdir(), 'newsroom-kafka-kept-'));

  afterAll(async () => {
    await Promise.all(clusters.map((cluster) => cluster.stop()));
    rmSync(keptDir, { recursive: true, force: true });
  });

  const topicsOf = async (cluster: KafkaCluster) => {
    const admin = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      return (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    } finally {
      await admin.disconnect();
    }
  };

  it('start side by side from one formatted store and keep their topics apart', async () => {
    const [first, second] = await Promise.all([startKafkaCluster(), startKafkaCluster()]);
    clusters.push(first, second);
    const settings = (cluster: KafkaCluster) => readFileSync(path.join(cluster.dataDir, 'node-1', 'server.properties'), 'utf8');
    expect(settings(first)).toMatch(/^controller\.quorum\.voters=1@127\.0\.0\.1:\d+$/m);

    const admin = new Kafka({ brokers: first.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'only-on-the-first', numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();

    expect(await topicsOf(first)).toEqual(['only-on-the-first']);
    expect(await topicsOf(second)).toEqual([]);
  });

  it('formats a kept store (npm start) for a quorum of its own', async () => {
    const kept = await startKafkaCluster({ dataDir: keptDir });
    clusters.push(kept);
    const settings = readFileSync(path.join(keptDir, 'node-1', 'server.properties'), 'utf8');
    expect(settings).toMatch(/^controller\.quorum\.bootstrap\.servers=127\.0\.0\.1:\d+$/m);
    expect(settings).not.toContain('controller.quorum.voters');
    expect(await topicsOf(kept)).toEqual([]);
  });
});

describe(isPortClash.name, () => {
  it('recognises the bind failure a Kafka node reports', () => {
    const reported = new Error(
      'Kafka node 1 exited (1) while starting: Caused by: java.lang.RuntimeException: Unable to start acceptor for PLAINTEXT | ' +
        'Caused by: org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:43887: Address already in use. | ' +
        'Caused by: java.net.BindException: Address already in use',
    );
    expect(isPortClash(reported)).toBe(true);
    expect(isPortClash(new Error('Kafka node 1 exited (1) while starting: java.lang.OutOfMemoryError'))).toBe(false);
    expect(isPortClash('Address already in use')).toBe(false);
  });
});
