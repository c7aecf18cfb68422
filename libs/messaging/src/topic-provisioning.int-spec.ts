/**
 * Topic provisioning on a real Apache Kafka node, through the admin API: the
 * library function, and the one-shot tool the compose init container and the
 * Kubernetes Job run.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { TOPICS, allTopicSpecs, deadLetterTopicOf } from '@newsroom/contracts';
import { WORKSPACE_ROOT, brokerKindFromEnv, startKafkaCluster, type KafkaCluster } from '@newsroom/testing';
import { awaitConfigs, provisionTopics, type TopicSettings } from './topic-provisioning';

jest.setTimeout(60_000);

const SETTINGS: TopicSettings = { replicationFactor: 1, minInsyncReplicas: 1, retentionMs: 3_600_000, deadLetterRetentionMs: 7_200_000 };

// The mock (NEWSROOM_BROKER=mock, a machine without Java) has no admin API: reported as skipped there.
const describeOnKafka = brokerKindFromEnv() === 'mock' ? describe.skip : describe;

describeOnKafka(provisionTopics.name, () => {
  let cluster: KafkaCluster;
  let admin: Admin;

  beforeAll(async () => {
    cluster = await startKafkaCluster();
    admin = new Kafka({ clientId: 'provisioning-test', brokers: cluster.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await cluster?.stop();
  });

  async function topicConfig(topic: string): Promise<Record<string, string>> {
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
    return Object.fromEntries(described.resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
  }

  it('creates every topic of the contracts with its partitions, replication, min.insync.replicas and retention', async () => {
    const report = await provisionTopics({ brokers: cluster.brokers, settings: SETTINGS });

    expect(report.created.sort()).toEqual(allTopicSpecs().map((t) => t.name).sort());
    const metadata = await admin.fetchTopicMetadata({ topics: allTopicSpecs().map((t) => t.name) });
    for (const spec of allTopicSpecs()) {
      const topic = metadata.topics.find((t) => t.name === spec.name)!;
      expect({ name: topic.name, partitions: topic.partitions.length }).toEqual({ name: spec.name, partitions: spec.partitions });
      expect(topic.partitions.every((p) => p.replicas.length === 1)).toBe(true);
    }
    expect(await topicConfig(TOPICS.review)).toMatchObject({ 'min.insync.replicas': '1', 'retention.ms': '3600000', 'max.message.bytes': '1048576' });
    expect(await topicConfig(deadLetterTopicOf(TOPICS.review))).toMatchObject({ 'retention.ms': '7200000', 'max.message.bytes': '2097152' });
  });

  it('changes nothing when run again', async () => {
    const report = await provisionTopics({ brokers: cluster.brokers, settings: SETTINGS });
    expect(report).toEqual({ created: [], reconfigured: [], unchanged: allTopicSpecs().map((t) => t.name), warnings: [] });
  });

  it("brings a drifted topic back to the settings and keeps an operator's other overrides", async () => {
    const drift = { 'retention.ms': '60000', 'max.message.bytes': '100000', 'segment.ms': '3600000' };
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: TOPICS.drafting, configEntries: Object.entries(drift).map(([name, value]) => ({ name, value })) },
      ],
    });
    // The operator's change is committed but may not be on the broker yet: provisioning read
    // before it would not know of segment.ms. Wait as provisioning itself does after a change.
    await awaitConfigs(admin, [{ topic: TOPICS.drafting, configs: drift }], 30_000);
    const report = await provisionTopics({ brokers: cluster.brokers, settings: { ...SETTINGS, retentionMs: 5_400_000 } });

    expect(report.reconfigured.sort()).toEqual([TOPICS.drafting, TOPICS.publishing, TOPICS.review].sort());
    expect(await topicConfig(TOPICS.drafting)).toMatchObject({ 'retention.ms': '5400000', 'max.message.bytes': '1048576', 'segment.ms': '3600000' });
    expect(await topicConfig(deadLetterTopicOf(TOPICS.drafting))).toMatchObject({ 'retention.ms': '7200000' });
  });

  it('refuses an existing topic with another partition count, and then creates nothing', async () => {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'newsroom.test.resized.v1', numPartitions: 2, replicationFactor: 1 }] });
    const topics = [
      { name: 'newsroom.test.resized.v1', partitions: 3 },
      { name: 'newsroom.test.fresh.v1', partitions: 3 },
    ];

    await expect(provisionTopics({ brokers: cluster.brokers, settings: SETTINGS, topics })).rejects.toMatchObject({
      code: 'TOPICS.PARTITION_MISMATCH',
      message: expect.stringContaining('newsroom.test.resized.v1 has 2 partitions, the contracts say 3'),
    });
    expect(await admin.listTopics()).not.toContain('newsroom.test.fresh.v1');
  });

  it('refuses a replication factor above the number of brokers', async () => {
    await expect(
      provisionTopics({ brokers: cluster.brokers, settings: { ...SETTINGS, replicationFactor: 3, minInsyncReplicas: 2 }, topics: [{ name: 'newsroom.test.wide.v1', partitions: 3 }] }),
    ).rejects.toMatchObject({ code: 'TOPICS.NOT_ENOUGH_BROKERS', message: expect.stringContaining('the cluster has 1') });
  });

  describe('the provisioning tool (compose init container, Kubernetes Job)', () => {
    const runTool = (env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', path.join(WORKSPACE_ROOT, 'tools/kafka/provision-topics.ts')],
        {
          cwd: WORKSPACE_ROOT,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, TS_NODE_PROJECT: path.join(WORKSPACE_ROOT, 'tsconfig.json'), KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
        },
      );

    it('provisions from its environment and reports what it did as one JSON line', () => {
      const result = runTool({ KAFKA_BROKERS: cluster.bootstrap, KAFKA_REPLICATION_FACTOR: '1', KAFKA_RETENTION_MS: '5400000', KAFKA_DEAD_LETTER_RETENTION_MS: '7200000' });
      expect(result.status).toBe(0);
      const report = JSON.parse(result.stdout.trim().split('\n').pop()!);
      expect(report).toMatchObject({ msg: 'topics provisioned', created: [], reconfigured: [], settings: { replicationFactor: 1, minInsyncReplicas: 1 } });
    });

    it('exits 1 with the coded reason when its settings are wrong', () => {
      const result = runTool({ KAFKA_BROKERS: cluster.bootstrap, KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' });
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stderr.trim())).toEqual({
        level: 'error',
        msg: 'TOPICS.INVALID_SETTINGS: KAFKA_MIN_INSYNC_REPLICAS (3) cannot exceed KAFKA_REPLICATION_FACTOR (2)',
      });
    });
  });
});
