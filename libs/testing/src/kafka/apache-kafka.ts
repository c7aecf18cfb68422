// No workspace aliases here: jest's global setup loads this file without them.
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort } from '../free-port';
import { classDataArchivePath, ensureKafkaDistribution, kafkaCacheDir, type KafkaDistribution } from './kafka-distribution';
import { KafkaNode } from './kafka-node';

export interface KafkaClusterOptions {
  /**
   * Number of JVMs, each a broker and a KRaft controller (default 1). With 3,
   * the controller quorum has 3 voters and internal topics are replicated 3
   * times with min.insync.replicas 2, as in production.
   */
  nodes?: number;
  /**
   * Fixed client port of node 1; node n listens on `port + n - 1` and its
   * controller on `port + nodes + n - 1` (npm start: 9092 and 9093). Omit for
   * free ports (tests).
   */
  port?: number;
  /**
   * Keep the data here and reuse it on the next start (npm start). Omit for a
   * fresh temporary directory that `stop()` deletes.
   */
  dataDir?: string;
  /** JVM heap per node in MiB (default 256). */
  heapMb?: number;
  /** Broker settings added to, or replacing, the defaults below. */
  settings?: Record<string, string | number | boolean>;
  /** Progress lines (jar fetch, version); default: silent. */
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /**
   * Where free ports come from when `port` is not given (default: freePort).
   * Tests hand out a taken port here to exercise the restart on a clash.
   */
  freePort?: () => Promise<number>;
}

/** A running Apache Kafka cluster on 127.0.0.1 in KRaft mode. */
export interface KafkaCluster {
  readonly kind: 'kafka';
  /** The client addresses of every node, e.g. ['127.0.0.1:40001']. */
  readonly brokers: string[];
  readonly bootstrap: string;
  /** What the broker reported in its log, e.g. '4.4.0'. */
  readonly version: string;
  readonly clusterId: string;
  readonly nodes: KafkaNode[];
  readonly dataDir: string;
  /** The node with this id (1-based). */
  node(id: number): KafkaNode;
  /** Stops every node; a temporary data directory is deleted. */
  stop(): Promise<void>;
}

/**
 * Starts Apache Kafka (the jars fetched by ensureKafkaDistribution) as `nodes`
 * JVMs, formats fresh log directories (a single node as a standalone
 * controller, three nodes with an initial quorum of all three), and resolves
 * once every node has started. No topic is created here: the caller
 * provisions them through the admin API.
 */
export async function startKafkaCluster(options: KafkaClusterOptions = {}): Promise<KafkaCluster> {
  // freePort's ports are never handed to another suite, but a program outside the tests
  // can still bind one between freePort() and the JVM's bind. With ports of our own
  // choosing and a throwaway directory, start again on fresh ports.
  const mayRetry = options.port === undefined && options.dataDir === undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startKafkaClusterOnce(options);
    } catch (error) {
      if (!mayRetry || attempt >= PORT_CLASH_ATTEMPTS || !isPortClash(error)) throw error;
      options.log?.(`a Kafka port was taken while the node started (attempt ${attempt}); starting again on other ports`);
    }
  }
}

const PORT_CLASH_ATTEMPTS = 4;

/** The node's start failure was a bind to a port that was taken meanwhile. */
export function isPortClash(error: unknown): boolean {
  return error instanceof Error && /Address already in use|failed to bind/i.test(error.message);
}

async function startKafkaClusterOnce(options: KafkaClusterOptions): Promise<KafkaCluster> {
  const count = options.nodes ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new Error(`a Kafka cluster needs at least one node, not ${count}`);
  const log = options.log ?? (() => undefined);
  const distribution = await prepareApacheKafka(log);
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'newsroom-kafka-'));
  mkdirSync(dataDir, { recursive: true });
  const startedAt = Date.now();
  const nodes: KafkaNode[] = [];
  // A throwaway single node (every suite but the fault suites' clusters) copies a store formatted
  // once per machine instead of running the storage tool's JVM of its own: about 1.5 s of CPU per
  // broker, and a test run starts about fifty. Its quorum is static (controller.quorum.voters),
  // so nothing in the store names a port. Kept stores (npm start) and clusters format as before.
  const copiesStore = temporary && count === 1;
  try {
    const ports = await clusterPorts(count, options.port, options.freePort ?? freePort);
    const voters = ports.map((p, i) => ({ id: i + 1, controllerPort: p.controllerPort, directoryId: kafkaUuid() }));
    for (const [i, { port, controllerPort }] of ports.entries()) {
      const nodeId = i + 1;
      nodes.push(
        new KafkaNode(distribution, {
          nodeId,
          port,
          controllerPort,
          dir: path.join(dataDir, `node-${nodeId}`),
          heapMb: options.heapMb ?? 256,
          throwawayDir: temporary ? dataDir : undefined,
          properties: {
            ...brokerSettings(nodeId, port, controllerPort, voters, count, path.join(dataDir, `node-${nodeId}`, 'data'), copiesStore ? 'static' : 'dynamic'),
            ...options.settings,
          },
        }),
      );
    }
    if (copiesStore) cpSync(await singleNodeStore(distribution), nodes[0].dataDir, { recursive: true });
    const clusterId = existingClusterId(nodes[0]) ?? kafkaUuid();
    // One quorum from the first start on: all nodes format with the same initial voters.
    const quorumArgs =
      count === 1
        ? ['--standalone']
        : ['--initial-controllers', voters.map((v) => `${v.id}@127.0.0.1:${v.controllerPort}:${v.directoryId}`).join(',')];
    await Promise.all(nodes.map((node) => node.format(clusterId, quorumArgs)));
    // The nodes wait for each other's votes, so they start together.
    await Promise.all(nodes.map((node) => node.start(options.startTimeoutMs)));
    const version = nodes[0].reportedVersion() ?? 'unknown';
    log(
      `Apache Kafka ${version} (KRaft, ${count} node${count === 1 ? '' : 's'}) on ${nodes.map((n) => n.address).join(',')}, ` +
        `started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
    const brokers = nodes.map((node) => node.address);
    let stopped: Promise<void> | undefined;
    return {
      kind: 'kafka',
      brokers,
      bootstrap: brokers.join(','),
      version,
      clusterId,
      nodes,
      dataDir,
      node(id: number) {
        const node = nodes[id - 1];
        if (!node) throw new Error(`no Kafka node ${id} (the cluster has ${nodes.length})`);
        return node;
      },
      stop() {
        stopped ??= stopNodes(nodes, temporary).finally(() => {
          if (temporary) rmSync(dataDir, { recursive: true, force: true });
        });
        return stopped;
      },
    };
  } catch (error) {
    await stopNodes(nodes, true).catch(() => undefined);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Everything the first broker start needs, done once per machine: Java
 * checked, jars fetched (ensureKafkaDistribution), and a class-data archive
 * recorded by one throwaway start, so later JVMs map the broker's classes
 * instead of loading them (about 1 s instead of 2 per start on two cores).
 */
export async function prepareApacheKafka(log: (line: string) => void = () => undefined): Promise<KafkaDistribution> {
  const distribution = await ensureKafkaDistribution(log);
  if (distribution.classDataArchive) return distribution;
  const archive = classDataArchivePath(distribution.javaVersion);
  const recording = `${archive}.recording-${process.pid}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'newsroom-kafka-cds-'));
  const startedAt = Date.now();
  try {
    const node = await oneOffNode(distribution, dir, 'dynamic');
    await node.format(kafkaUuid(), ['--standalone']);
    // The JVM writes the archive when it exits normally, after the graceful stop.
    await node.start(120_000, [`-XX:ArchiveClassesAtExit=${recording}`]);
    await node.stop();
    if (existsSync(recording)) {
      renameSync(recording, archive);
      log(`recorded the broker's class-data archive in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      return { ...distribution, classDataArchive: archive };
    }
  } catch (error) {
    log(`no class-data archive (the broker starts without it): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    rmSync(recording, { force: true });
    rmSync(dir, { recursive: true, force: true });
  }
  return distribution;
}

/**
 * A throwaway cluster's data is deleted anyway, so its JVMs are killed at once;
 * a kept one (npm start) shuts down cleanly so the next start need not recover.
 */
async function stopNodes(nodes: KafkaNode[], throwaway: boolean): Promise<void> {
  await Promise.all(nodes.map((node) => node.stop({ graceful: !throwaway })));
}

async function clusterPorts(count: number, first: number | undefined, freePort: () => Promise<number>): Promise<{ port: number; controllerPort: number }[]> {
  if (first !== undefined) {
    return Array.from({ length: count }, (_, i) => ({ port: first + i, controllerPort: first + count + i }));
  }
  const ports = new Set<number>();
  while (ports.size < count * 2) ports.add(await freePort());
  const list = [...ports];
  return Array.from({ length: count }, (_, i) => ({ port: list[i], controllerPort: list[count + i] }));
}

/** A single node in `dir` on free ports, for a one-off job on this machine (recording the class-data archive, formatting the shared store). */
async function oneOffNode(distribution: KafkaDistribution, dir: string, quorum: 'static' | 'dynamic'): Promise<KafkaNode> {
  const [port, controllerPort] = [await freePort(), await freePort()];
  return new KafkaNode(distribution, {
    nodeId: 1,
    port,
    controllerPort,
    dir,
    heapMb: 256,
    throwawayDir: dir,
    properties: brokerSettings(1, port, controllerPort, [{ id: 1, controllerPort }], 1, path.join(dir, 'data'), quorum),
  });
}

/**
 * The store of a throwaway single node, formatted once per machine and Kafka version for a
 * static quorum of node 1: meta.properties (a cluster id, node 1, a directory id) and the
 * bootstrap checkpoint of feature levels, no port and no path, so every such node starts from a
 * copy. Formatted aside and renamed into place, so suites starting at once never copy half a store.
 */
async function singleNodeStore(distribution: KafkaDistribution): Promise<string> {
  const store = path.join(kafkaCacheDir(), 'single-node-store');
  if (existsSync(path.join(store, 'meta.properties'))) return store;
  mkdirSync(kafkaCacheDir(), { recursive: true });
  const dir = mkdtempSync(path.join(kafkaCacheDir(), '.single-node-store-'));
  try {
    const node = await oneOffNode(distribution, dir, 'static');
    await node.format(kafkaUuid(), []);
    try {
      renameSync(node.dataDir, store);
    } catch (error) {
      // Another suite put its store in place first; theirs is as good.
      if (!existsSync(path.join(store, 'meta.properties'))) throw error;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return store;
}

/**
 * The settings of one node. Internal topics are replicated as widely as the
 * cluster allows (3 copies, 2 in sync on a three-node cluster); groups form
 * without the initial rebalance delay; topics exist only when provisioned; and
 * on a cluster a dead or frozen node is fenced after 3 s rather than 9.
 * `quorum` is how the controllers find each other: 'dynamic' (KRaft's voter set,
 * formatted with --standalone or --initial-controllers) or 'static'
 * (controller.quorum.voters, for a single node whose store is a copy; see singleNodeStore).
 */
function brokerSettings(
  nodeId: number,
  port: number,
  controllerPort: number,
  voters: { id: number; controllerPort: number }[],
  count: number,
  logDir: string,
  quorum: 'static' | 'dynamic' = 'dynamic',
): Record<string, string | number | boolean> {
  const replication = Math.min(3, count);
  const minInSync = Math.min(2, replication);
  return {
    'process.roles': 'broker,controller',
    'node.id': nodeId,
    ...(quorum === 'static'
      ? { 'controller.quorum.voters': voters.map((v) => `${v.id}@127.0.0.1:${v.controllerPort}`).join(',') }
      : { 'controller.quorum.bootstrap.servers': voters.map((v) => `127.0.0.1:${v.controllerPort}`).join(',') }),
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': logDir,
    'auto.create.topics.enable': false,
    'unclean.leader.election.enable': false,
    'default.replication.factor': replication,
    'min.insync.replicas': minInSync,
    'offsets.topic.replication.factor': replication,
    'offsets.topic.num.partitions': count === 1 ? 1 : 3,
    'transaction.state.log.replication.factor': replication,
    'transaction.state.log.min.isr': minInSync,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': replication,
    'share.coordinator.state.topic.min.isr': minInSync,
    'group.initial.rebalance.delay.ms': 0,
    // Two cores are shared by every process of a test run.
    'num.network.threads': 2,
    'num.io.threads': 2,
    'background.threads': 2,
    'num.replica.fetchers': 1,
    'log.cleaner.threads': 1,
    ...(count > 1 ? { 'broker.heartbeat.interval.ms': 500, 'broker.session.timeout.ms': 3000, 'replica.lag.time.max.ms': 5000 } : {}),
  };
}

function existingClusterId(node: KafkaNode): string | undefined {
  const meta = path.join(node.dataDir, 'meta.properties');
  if (!existsSync(meta)) return undefined;
  return /^cluster\.id=(.+)$/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim();
}

/**
 * A random id in Kafka's text form (16 bytes, URL-safe base64 without
 * padding). Like Kafka's own, never one starting with '-', which the storage
 * tool's command line would take for an option.
 */
function kafkaUuid(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export type { KafkaDistribution };
