import { allTopicSpecs, type TopicSpec } from '@newsroom/contracts';
import { startKafkaCluster, type KafkaCluster } from './kafka/apache-kafka';
import { WORKER_KAFKA, type WorkerKafkaLender } from './kafka/worker-kafka';
import { startMockBroker, type MockBroker } from './mock-broker';

/** Which broker `startLocalBroker` runs. */
export type BrokerKind = 'kafka' | 'mock';

/**
 * Apache Kafka unless NEWSROOM_BROKER=mock asks for librdkafka's mock cluster
 * (a machine without Java). Anything else is refused rather than guessed.
 */
export function brokerKindFromEnv(env: Record<string, string | undefined> = process.env): BrokerKind {
  const wanted = (env.NEWSROOM_BROKER ?? '').trim().toLowerCase();
  if (wanted === '' || wanted === 'kafka') return 'kafka';
  if (wanted === 'mock') return 'mock';
  throw new Error(`NEWSROOM_BROKER must be "kafka" (the default) or "mock", not "${env.NEWSROOM_BROKER}"`);
}

/**
 * Creates topics on a freshly started broker through its admin API. The
 * provisioning code lives in libs/messaging (the one code path for every
 * environment), which this library may not import; the test set-up
 * (libs/test-harness/src/jest/topic-provisioner.setup.ts) and `npm start`
 * hand it in.
 */
export type TopicProvisioner = (brokers: string[], topics: TopicSpec[]) => Promise<void>;

let registeredProvisioner: TopicProvisioner | undefined;

/** Sets the provisioner that `startLocalBroker` uses when none is passed. */
export function useTopicProvisioner(provisioner: TopicProvisioner): void {
  registeredProvisioner = provisioner;
}

export interface LocalBrokerOptions {
  /** Apache Kafka or the mock; defaults to brokerKindFromEnv(). */
  kind?: BrokerKind;
  /** Nodes of the cluster (default: 1 for Kafka, 3 for the mock). */
  nodes?: number;
  /** Fixed first port (npm start); omit for free ports. */
  port?: number;
  /** Kafka only: keep data here across runs (npm start); default a temporary directory. */
  dataDir?: string;
  /** Kafka only: JVM heap per node in MiB. */
  heapMb?: number;
  /** Defaults to the contracts' topic list. */
  topics?: TopicSpec[];
  /** Defaults to the one set with useTopicProvisioner. */
  provisionTopics?: TopicProvisioner;
  /** Progress lines: jar fetch on the first run, the broker's version. */
  log?: (line: string) => void;
}

/**
 * A running broker on 127.0.0.1 holding the newsroom's topics: Apache Kafka
 * (see `kafka/apache-kafka.ts`), or librdkafka's mock with NEWSROOM_BROKER=mock.
 */
export interface LocalBroker {
  readonly kind: BrokerKind;
  /** e.g. ['127.0.0.1:40001'] */
  readonly brokers: string[];
  readonly bootstrap: string;
  /** The broker's version as it reported it, e.g. '4.4.0'. */
  readonly version: string;
  stop(): Promise<void>;
}

/**
 * Starts a broker for one test suite or for `npm start`, with the topics
 * provisioned before it is handed out (services never create topics). A
 * Kafka node starts in about 2 s. Under the integration, end-to-end and
 * browser projects a suite asking for a plain node (no option but `topics`
 * and `log`) borrows its Jest worker's node instead, wiped of every topic and
 * consumer group since the last suite (kafka/worker-kafka.ts); either way no
 * suite sees another's events or consumer offsets.
 */
export async function startLocalBroker(options: LocalBrokerOptions = {}): Promise<LocalBroker> {
  const topics = options.topics ?? allTopicSpecs();
  if ((options.kind ?? brokerKindFromEnv()) === 'mock') {
    return startMockBroker({ nodes: options.nodes, port: options.port, topics });
  }
  const provision = options.provisionTopics ?? registeredProvisioner;
  if (!provision) {
    throw new Error(
      'startLocalBroker: no topic provisioner; pass provisionTopics, or load libs/test-harness/src/jest/topic-provisioner.setup.ts (jest setupFiles)',
    );
  }
  const lender = (globalThis as Record<symbol, WorkerKafkaLender | undefined>)[WORKER_KAFKA];
  const plain = (options.nodes ?? 1) === 1 && options.port === undefined && options.dataDir === undefined && options.heapMb === undefined;
  const cluster =
    lender && plain
      ? await lender.lend(options.log)
      : await startKafkaCluster({ nodes: options.nodes, port: options.port, dataDir: options.dataDir, heapMb: options.heapMb, log: options.log });
  try {
    await provision(cluster.brokers, topics);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

export type { KafkaCluster, MockBroker };
