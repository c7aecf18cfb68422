import { createServer, type Server } from 'node:net';

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
    // The first port handed out is already bound, as when another suite's server
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
