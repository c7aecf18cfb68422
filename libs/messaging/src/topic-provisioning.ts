import { ConfigResourceTypes, type Admin, type ITopicMetadata } from 'kafkajs';
import type { KafkaSecurity } from '@newsroom/config';
import { DEAD_LETTER_SUFFIX, DomainError, MESSAGE_LIMITS, allTopicSpecs, type TopicSpec } from '@newsroom/contracts';
import { createKafka } from './kafka-client';
import { provisionAcls, type AccessSettings, type AclReport } from './security/topic-access';

/** How every newsroom topic is set up on the cluster. */
export interface TopicSettings {
  /** Copies of each partition, on different brokers; at most the number of brokers. */
  replicationFactor: number;
  /**
   * Copies that must hold a write before an acks=all producer (the outbox
   * relay, the dead-letter publisher) gets its acknowledgement; at most
   * replicationFactor. With 3 and 2, one broker can be lost without losing an
   * acknowledged event or stopping writes.
   */
  minInsyncReplicas: number;
  /** How long events stay on an article topic, in ms (-1: forever). */
  retentionMs: number;
  /** How long dead letters stay, in ms (-1: forever): long enough for an operator to look. */
  deadLetterRetentionMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RETENTION_MS = 7 * DAY_MS;
export const DEFAULT_DEAD_LETTER_RETENTION_MS = 28 * DAY_MS;

/**
 * The settings of the provisioning tool, from its environment:
 * KAFKA_REPLICATION_FACTOR (default 1), KAFKA_MIN_INSYNC_REPLICAS (default:
 * one less than the replication factor, at least 1), KAFKA_RETENTION_MS
 * (default 7 days) and KAFKA_DEAD_LETTER_RETENTION_MS (default 28 days).
 * Throws TOPICS.INVALID_SETTINGS listing every bad value.
 */
export function topicSettingsFromEnv(env: Record<string, string | undefined>): TopicSettings {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, minimum: number): number => {
    const text = env[name]?.trim();
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < minimum) {
      problems.push(`${name} must be an integer of at least ${minimum}, not "${text}"`);
      return fallback;
    }
    return value;
  };
  const replicationFactor = integer('KAFKA_REPLICATION_FACTOR', 1, 1);
  const settings: TopicSettings = {
    replicationFactor,
    minInsyncReplicas: integer('KAFKA_MIN_INSYNC_REPLICAS', Math.max(1, replicationFactor - 1), 1),
    retentionMs: retention(integer('KAFKA_RETENTION_MS', DEFAULT_RETENTION_MS, -1), 'KAFKA_RETENTION_MS', problems),
    deadLetterRetentionMs: retention(integer('KAFKA_DEAD_LETTER_RETENTION_MS', DEFAULT_DEAD_LETTER_RETENTION_MS, -1), 'KAFKA_DEAD_LETTER_RETENTION_MS', problems),
  };
  if (settings.minInsyncReplicas > settings.replicationFactor) {
    problems.push(`KAFKA_MIN_INSYNC_REPLICAS (${settings.minInsyncReplicas}) cannot exceed KAFKA_REPLICATION_FACTOR (${settings.replicationFactor})`);
  }
  if (problems.length > 0) throw new DomainError('TOPICS.INVALID_SETTINGS', problems.join('; '), 'validation', { problems });
  return settings;
}

function retention(value: number, name: string, problems: string[]): number {
  if (value === 0) problems.push(`${name} must be -1 (forever) or a positive number of milliseconds, not 0`);
  return value;
}

/** What provisioning did, topic by topic. */
export interface ProvisioningReport {
  created: string[];
  /** Existing topics whose min.insync.replicas or retention was brought to the settings. */
  reconfigured: string[];
  unchanged: string[];
  /** Differences provisioning cannot fix on its own (an existing topic's replication factor). */
  warnings: string[];
  /** What happened to the ACLs, when `access` asked for them. */
  acls?: AclReport;
}

export interface ProvisionTopicsOptions {
  brokers: string[];
  settings: TopicSettings;
  /** Defaults to the contracts' topic list. */
  topics?: TopicSpec[];
  /** How to connect; on a secured cluster, as a super user (it creates topics and ACLs). */
  security?: KafkaSecurity;
  /**
   * Also bring the ACLs to the access table (TOPIC_ACCESS) for these
   * principals. Only for a cluster with an authorizer; omit on a plaintext one.
   */
  access?: AccessSettings;
  /**
   * How long the cluster may take to give every new topic's partitions a leader, and to show
   * changed settings on the broker that serves them, in ms (default 30 s).
   */
  metadataWaitMs?: number;
}

const DEFAULT_METADATA_WAIT_MS = 30_000;
const METADATA_POLL_MS = 100;
/**
 * Errors a broker answers while a new topic's metadata is still on its way to it (KRaft
 * brokers learn of topics from the controller's metadata log, a moment after creation).
 */
const NOT_YET_KNOWN = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Makes the cluster hold every topic of the contracts' topic list, as the
 * settings say: creates the missing ones, and brings an existing topic's
 * min.insync.replicas, retention and max.message.bytes to the settings (its other per-topic
 * overrides are kept). The one code path for `npm start`, the tests, the
 * compose init container and the Kubernetes Job; services never create topics.
 *
 * Nothing is changed when a check fails: an existing topic with another
 * partition count is an error (TOPICS.PARTITION_MISMATCH, since repartitioning
 * would move articles between partitions and break their order), and so is a
 * replication factor above the number of brokers (TOPICS.NOT_ENOUGH_BROKERS).
 * With `access`, the ACLs follow the topics (provisionAcls), so a topic never
 * exists on a secured cluster without its owners' rights.
 */
export async function provisionTopics(options: ProvisionTopicsOptions): Promise<ProvisioningReport> {
  const topics = options.topics ?? allTopicSpecs();
  const { settings } = options;
  const waitMs = options.metadataWaitMs ?? DEFAULT_METADATA_WAIT_MS;
  const admin = createKafka('newsroom-topic-provisioner', options.brokers, options.security).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    if (settings.replicationFactor > cluster.brokers.length) {
      throw new DomainError(
        'TOPICS.NOT_ENOUGH_BROKERS',
        `replication factor ${settings.replicationFactor} needs at least that many brokers; the cluster has ${cluster.brokers.length}`,
        'unavailable',
      );
    }
    const existingNames = new Set(await admin.listTopics());
    const existing = topics.filter((topic) => existingNames.has(topic.name));
    const missing = topics.filter((topic) => !existingNames.has(topic.name));
    const metadata = existing.length > 0 ? (await admin.fetchTopicMetadata({ topics: existing.map((t) => t.name) })).topics : [];
    const warnings = checkExisting(existing, metadata, settings);

    if (missing.length > 0) {
      // kafkajs's own wait for leaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a KRaft
      // broker answers until the controller's new metadata reaches it: wait here instead.
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions,
          replicationFactor: settings.replicationFactor,
          configEntries: Object.entries(managedConfig(topic, settings)).map(([name, value]) => ({ name, value })),
        })),
      });
      await awaitLeaders(admin, missing.map((topic) => topic.name), waitMs);
    }
    const reconfigured = await reconfigure(admin, existing, settings, waitMs);
    const acls = options.access ? await provisionAcls(admin, options.access) : undefined;
    return {
      ...(acls ? { acls } : {}),
      created: missing.map((topic) => topic.name),
      reconfigured,
      unchanged: existing.map((topic) => topic.name).filter((name) => !reconfigured.includes(name)),
      warnings,
    };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Resolves once every partition of `names` has a leader, as the cluster's metadata says;
 * until then a broker may still answer UNKNOWN_TOPIC_OR_PARTITION or LEADER_NOT_AVAILABLE
 * for a topic just created, and producers and consumers started now would meet the same.
 * Throws TOPICS.NO_LEADER (unavailable) naming the topics still without one after
 * `timeoutMs`; any other error is thrown as it comes.
 */
export async function awaitLeaders(admin: Pick<Admin, 'fetchTopicMetadata'>, names: string[], timeoutMs: number): Promise<void> {
  await pollMetadata(
    timeoutMs,
    async () => {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: names });
        return names.filter((name) => {
          const partitions = topics.find((topic) => topic.name === name)?.partitions ?? [];
          return partitions.length === 0 || partitions.some((partition) => partition.leader < 0);
        });
      } catch (error) {
        if (!NOT_YET_KNOWN.has((error as { type?: string }).type ?? '')) throw error;
        return undefined;
      }
    },
    (waitingFor) =>
      new DomainError('TOPICS.NO_LEADER', `no leader for every partition of ${waitingFor.join(', ')} within ${timeoutMs} ms of creating them`, 'unavailable', {
        topics: waitingFor,
      }),
    names,
  );
}

/**
 * Asks `pending` every METADATA_POLL_MS until it names nothing: the topics the cluster's
 * metadata does not show as wanted yet (undefined: the broker could not say yet; the last
 * answer stands). After `timeoutMs` throws `giveUp` of the topics still pending.
 */
async function pollMetadata(
  timeoutMs: number,
  pending: () => Promise<string[] | undefined>,
  giveUp: (topics: string[]) => Error,
  initially: string[],
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waitingFor = initially;
  for (;;) {
    waitingFor = (await pending()) ?? waitingFor;
    if (waitingFor.length === 0) return;
    if (Date.now() >= deadline) throw giveUp(waitingFor);
    await new Promise((resolve) => setTimeout(resolve, METADATA_POLL_MS));
  }
}

/**
 * The per-topic settings provisioning owns. `max.message.bytes` is not a setting but part of the
 * newsroom's size limits (MESSAGE_LIMITS): an article topic takes the largest event the producers
 * may make, and a dead-letter topic that plus the reason headers, whatever the broker's default.
 */
export function managedConfig(topic: TopicSpec, settings: TopicSettings): Record<string, string> {
  const deadLetter = topic.name.endsWith(DEAD_LETTER_SUFFIX);
  return {
    'min.insync.replicas': String(settings.minInsyncReplicas),
    'retention.ms': String(deadLetter ? settings.deadLetterRetentionMs : settings.retentionMs),
    'max.message.bytes': String(deadLetter ? MESSAGE_LIMITS.deadLetterMessageBytes : MESSAGE_LIMITS.topicMessageBytes),
  };
}

function checkExisting(existing: TopicSpec[], metadata: ITopicMetadata[], settings: TopicSettings): string[] {
  const mismatches: string[] = [];
  const warnings: string[] = [];
  for (const topic of existing) {
    const partitions = metadata.find((m) => m.name === topic.name)?.partitions ?? [];
    if (partitions.length !== topic.partitions) {
      mismatches.push(`${topic.name} has ${partitions.length} partitions, the contracts say ${topic.partitions}`);
    }
    const replicas = Math.min(...partitions.map((p) => p.replicas.length));
    if (partitions.length > 0 && replicas !== settings.replicationFactor) {
      warnings.push(`${topic.name} has replication factor ${replicas}, the settings say ${settings.replicationFactor} (change it with a partition reassignment)`);
    }
  }
  if (mismatches.length > 0) {
    throw new DomainError('TOPICS.PARTITION_MISMATCH', `existing topics differ from the topic list: ${mismatches.join('; ')}`, 'conflict', { mismatches });
  }
  return warnings;
}

/** Kafka's ConfigSource for a value set on the topic itself. */
const TOPIC_CONFIG_SOURCE = 1;

/**
 * AlterConfigs replaces a topic's whole set of overrides, so the overrides an
 * operator set by hand are sent back unchanged along with the managed ones
 * (kafkajs has no IncrementalAlterConfigs). Returns once the broker shows the
 * new settings, so whatever starts after provisioning works with them.
 */
async function reconfigure(admin: Admin, existing: TopicSpec[], settings: TopicSettings, waitMs: number): Promise<string[]> {
  if (existing.length === 0) return [];
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: existing.map((topic) => ({ type: ConfigResourceTypes.TOPIC, name: topic.name })),
  });
  const changes = existing.flatMap((topic) => {
    const entries = described.resources.find((r) => r.resourceName === topic.name)?.configEntries ?? [];
    const current = Object.fromEntries(entries.map((e) => [e.configName, e.configValue]));
    const wanted = managedConfig(topic, settings);
    if (Object.entries(wanted).every(([name, value]) => current[name] === value)) return [];
    const overrides = Object.fromEntries(
      entries.filter((e) => e.configSource === TOPIC_CONFIG_SOURCE && !e.isSensitive).map((e) => [e.configName, e.configValue]),
    );
    const configEntries = Object.entries({ ...overrides, ...wanted }).map(([name, value]) => ({ name, value }));
    return [{ type: ConfigResourceTypes.TOPIC, name: topic.name, configEntries }];
  });
  if (changes.length > 0) {
    await admin.alterConfigs({ validateOnly: false, resources: changes });
    await awaitConfigs(
      admin,
      changes.map((change) => ({ topic: change.name, configs: Object.fromEntries(change.configEntries.map((e) => [e.name, e.value])) })),
      waitMs,
    );
  }
  return changes.map((change) => change.name);
}

/** Settings a topic should show, by name, with their values as Kafka writes them. */
export interface TopicConfigs {
  topic: string;
  configs: Record<string, string>;
}

/**
 * Resolves once DescribeConfigs shows every topic of `wanted` with every one of its settings.
 * A KRaft cluster answers AlterConfigs when the controller has committed the change; the
 * broker that serves DescribeConfigs, producers and consumers applies it a moment later, when
 * it replays the metadata log. Until then it shows
 * the settings before the change. Throws TOPICS.CONFIG_NOT_APPLIED (unavailable) naming the
 * topics that still differ after `timeoutMs`; any error of the request is thrown as it comes.
 */
export async function awaitConfigs(admin: Pick<Admin, 'describeConfigs'>, wanted: TopicConfigs[], timeoutMs: number): Promise<void> {
  await pollMetadata(
    timeoutMs,
    async () => {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: wanted.map(({ topic }) => ({ type: ConfigResourceTypes.TOPIC, name: topic })),
      });
      return wanted
        .filter(({ topic, configs }) => {
          const entries = described.resources.find((r) => r.resourceName === topic)?.configEntries ?? [];
          return Object.entries(configs).some(([name, value]) => entries.find((e) => e.configName === name)?.configValue !== value);
        })
        .map(({ topic }) => topic);
    },
    (differing) =>
      new DomainError('TOPICS.CONFIG_NOT_APPLIED', `the broker does not show the new settings of ${differing.join(', ')} within ${timeoutMs} ms of changing them`, 'unavailable', {
        topics: differing,
      }),
    wanted.map(({ topic }) => topic),
  );
}
