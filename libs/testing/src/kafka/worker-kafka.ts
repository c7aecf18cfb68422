// No workspace aliases here: the Jest environment that owns the pool loads this file without them.
import { Kafka, logLevel } from 'kafkajs';

import { startKafkaCluster, type KafkaCluster } from './apache-kafka';

/**
 * Where a suite finds its worker's lender: a property of the suite's global, set by the Jest
 * environment (libs/testing/src/jest/worker-kafka-environment.ts) for the suites it runs.
 */
export const WORKER_KAFKA = Symbol.for('newsroom.worker-kafka');

/**
 * What a suite is lent: a running single node with no topic and no consumer group, as a node of
 * its own would be, except that `stop()` gives it back to the worker (it keeps running) and the
 * suite must not use it afterwards.
 */
export type LentKafka = Pick<KafkaCluster, 'kind' | 'brokers' | 'bootstrap' | 'version' | 'stop'>;

/** The lender one suite's global holds: its suite's name is bound in. */
export interface WorkerKafkaLender {
  lend(log?: (line: string) => void): Promise<LentKafka>;
}

/** How long a wipe may wait for the deleted topics to leave the broker's metadata. */
const WIPE_TIMEOUT_MS = 10_000;

/**
 * One Apache Kafka node per Jest worker process, lent to the suites the worker runs one after
 * another, instead of a node started and killed for each suite: a node's start and topic
 * set-up cost about 2.7 s of CPU and 2.2 s of waiting, and a test run starts dozens.
 *
 * Each suite gets the node as a fresh one would be: before it is lent again, every consumer
 * group and every topic but Kafka's own is deleted, and the suite provisions its topics as
 * on a new node. So no suite sees another's events or consumer offsets. A node is not lent
 * again, but stopped and replaced by a new one, when:
 * - a consumer group still has members (a client of the last suite is still connected and
 *   could take the next suite's events);
 * - anything in the wipe fails or times out;
 * - the JVM is gone;
 * - the last suite never gave it back (it ended in its set-up, say).
 * A suite that asks for a second broker while it holds the node gets a node of its own,
 * stopped when it stops it. The node stops with the worker: its launcher's pipe closes
 * (KafkaNode).
 */
export class WorkerKafkaPool {
  private node?: KafkaCluster;
  /** The suite holding the node, if any. */
  private holder?: string;

  /**
   * @param report told why a node is replaced rather than lent again (default: the worker's
   *   stderr, whatever the suite asked for, since it costs every later suite its start).
   */
  constructor(private readonly report: (line: string) => void = (line) => process.stderr.write(`[kafka] ${line}\n`)) {}

  /** The lender for one suite (its test file's path). */
  lenderFor(suite: string): WorkerKafkaLender {
    return { lend: (log) => this.lend(suite, log) };
  }

  /** Called when a suite has ended: a node it did not give back is not lent again. */
  suiteEnded(suite: string): void {
    if (this.holder === suite) this.holder = `${suite} (ended without giving the broker back)`;
  }

  /** Stops the node (the worker is shutting down). */
  async close(): Promise<void> {
    const node = this.node;
    this.node = undefined;
    await node?.stop();
  }

  private async lend(suite: string, log?: (line: string) => void): Promise<LentKafka> {
    if (this.holder === suite) return startKafkaCluster({ log });
    if (this.node && !(await this.reusable(this.node))) {
      const stale = this.node;
      this.node = undefined;
      await stale.stop().catch(() => undefined);
    }
    this.node ??= await startKafkaCluster({ log });
    this.holder = suite;
    const node = this.node;
    let givenBack = false;
    return {
      kind: 'kafka',
      brokers: node.brokers,
      bootstrap: node.bootstrap,
      version: node.version,
      stop: async () => {
        if (givenBack) return;
        givenBack = true;
        if (this.node === node && this.holder === suite) this.holder = undefined;
      },
    };
  }

  /** The node may be lent again: given back, running, and wiped. */
  private async reusable(node: KafkaCluster): Promise<boolean> {
    if (this.holder !== undefined) {
      this.report(`${this.holder} kept the worker's node: starting a new one`);
      return false;
    }
    if (!node.nodes.every((n) => n.running)) {
      this.report(`the worker's node has stopped: starting a new one`);
      return false;
    }
    return wiped(node, this.report);
  }
}

/**
 * Deletes every consumer group and every topic but Kafka's own (`__…`), and waits until the
 * broker's metadata no longer lists them, so the next suite's provisioning creates its topics
 * afresh. False, with the reason logged, when a group still has members or anything fails.
 */
async function wiped(node: KafkaCluster, log: (line: string) => void): Promise<boolean> {
  const admin = new Kafka({ clientId: 'newsroom-test-broker-wipe', brokers: node.brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  try {
    await admin.connect();
    const { groups } = await admin.listGroups();
    if (groups.length > 0) {
      const described = await admin.describeGroups(groups.map((group) => group.groupId));
      const busy = described.groups.filter((group) => group.members.length > 0).map((group) => group.groupId);
      if (busy.length > 0) {
        log(`consumer groups ${busy.join(', ')} still have members: starting a new node`);
        return false;
      }
      await admin.deleteGroups(groups.map((group) => group.groupId));
    }
    const topics = (await admin.listTopics()).filter((name) => !name.startsWith('__'));
    if (topics.length > 0) {
      await admin.deleteTopics({ topics, timeout: WIPE_TIMEOUT_MS });
      const deadline = Date.now() + WIPE_TIMEOUT_MS;
      while ((await admin.listTopics()).some((name) => topics.includes(name))) {
        if (Date.now() > deadline) throw new Error(`topics still listed ${WIPE_TIMEOUT_MS} ms after their deletion`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    return true;
  } catch (error) {
    log(`could not wipe the worker's Kafka node (${error instanceof Error ? error.message : String(error)}): starting a new node`);
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
