import { DomainError, MESSAGE_LIMITS, TOPICS, deadLetterTopicOf } from '@newsroom/contracts';
import { KafkaJSProtocolError, type Admin } from 'kafkajs';
import { DEFAULT_DEAD_LETTER_RETENTION_MS, DEFAULT_RETENTION_MS, awaitConfigs, awaitLeaders, managedConfig, topicSettingsFromEnv, type TopicConfigs } from './topic-provisioning';

describe(topicSettingsFromEnv.name, () => {
  it('defaults to one copy, 7 days for events and 28 for dead letters', () => {
    expect(topicSettingsFromEnv({})).toEqual({
      replicationFactor: 1,
      minInsyncReplicas: 1,
      retentionMs: DEFAULT_RETENTION_MS,
      deadLetterRetentionMs: DEFAULT_DEAD_LETTER_RETENTION_MS,
    });
    expect(DEFAULT_RETENTION_MS).toBe(604_800_000);
  });

  it('keeps one copy in reserve by default: replication 3 means 2 in sync', () => {
    expect(topicSettingsFromEnv({ KAFKA_REPLICATION_FACTOR: '3' })).toMatchObject({ replicationFactor: 3, minInsyncReplicas: 2 });
  });

  it('takes every setting from the environment', () => {
    const env = { KAFKA_REPLICATION_FACTOR: '5', KAFKA_MIN_INSYNC_REPLICAS: '3', KAFKA_RETENTION_MS: '-1', KAFKA_DEAD_LETTER_RETENTION_MS: '86400000' };
    expect(topicSettingsFromEnv(env)).toEqual({ replicationFactor: 5, minInsyncReplicas: 3, retentionMs: -1, deadLetterRetentionMs: 86_400_000 });
  });

  it('refuses bad values with one coded error that lists each of them', () => {
    const env = { KAFKA_REPLICATION_FACTOR: 'three', KAFKA_RETENTION_MS: '0', KAFKA_DEAD_LETTER_RETENTION_MS: '1.5' };
    let caught: unknown;
    try {
      topicSettingsFromEnv(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'TOPICS.INVALID_SETTINGS', kind: 'validation' });
    const message = (caught as DomainError).message;
    expect(message).toContain('KAFKA_REPLICATION_FACTOR must be an integer of at least 1, not "three"');
    expect(message).toContain('KAFKA_RETENTION_MS must be -1 (forever) or a positive number of milliseconds, not 0');
    expect(message).toContain('KAFKA_DEAD_LETTER_RETENTION_MS must be an integer of at least -1, not "1.5"');
  });

  it('refuses more replicas in sync than there are copies', () => {
    expect(() => topicSettingsFromEnv({ KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' })).toThrow(
      'KAFKA_MIN_INSYNC_REPLICAS (3) cannot exceed KAFKA_REPLICATION_FACTOR (2)',
    );
  });
});

describe(managedConfig.name, () => {
  const settings = topicSettingsFromEnv({});

  it('gives article topics room for the largest event and dead-letter topics room for that plus its reason', () => {
    expect(managedConfig({ name: TOPICS.review, partitions: 3 }, settings)['max.message.bytes']).toBe(String(MESSAGE_LIMITS.topicMessageBytes));
    expect(managedConfig({ name: deadLetterTopicOf(TOPICS.review), partitions: 1 }, settings)['max.message.bytes']).toBe(String(MESSAGE_LIMITS.deadLetterMessageBytes));
    expect(MESSAGE_LIMITS.topicMessageBytes).toBeGreaterThan(MESSAGE_LIMITS.eventBytes);
  });
});

describe(awaitLeaders.name, () => {
  type Metadata = Awaited<ReturnType<Admin['fetchTopicMetadata']>>;
  // As kafkajs's createErrorFromCode builds it from the broker's error code.
  const protocolError = (type: string, code: number) =>
    new KafkaJSProtocolError(Object.assign(new Error(`broker answered ${type}`), { type, code, retriable: true }));
  const withLeaders = (name: string, leaders: number[]): Metadata['topics'][number] => ({
    name,
    partitions: leaders.map((leader, partitionId) => ({ partitionId, leader, replicas: [0], isr: [0], offlineReplicas: [], partitionErrorCode: 0 })),
  });
  /** An admin whose metadata answers are played in order; the last one repeats. */
  function scripted(...answers: (Metadata | Error)[]) {
    let calls = 0;
    const admin = {
      fetchTopicMetadata: async (): Promise<Metadata> => {
        const answer = answers[Math.min(calls, answers.length - 1)];
        calls += 1;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    };
    return { admin, calls: () => calls };
  }

  it('waits through the answers a broker gives before a new topic reaches it: unknown topic, then no leader', async () => {
    const { admin, calls } = scripted(
      protocolError('UNKNOWN_TOPIC_OR_PARTITION', 3),
      protocolError('LEADER_NOT_AVAILABLE', 5),
      { topics: [withLeaders('news.article.review.v1', [1, -1, 2])] },
      { topics: [withLeaders('news.article.review.v1', [1, 0, 2])] },
    );
    await expect(awaitLeaders(admin, ['news.article.review.v1'], 5_000)).resolves.toBeUndefined();
    expect(calls()).toBe(4);
  });

  it('counts a topic missing from the answer, or without partitions, as not ready', async () => {
    const { admin, calls } = scripted(
      { topics: [withLeaders('a', [0])] },
      { topics: [withLeaders('a', [0]), withLeaders('b', [])] },
      { topics: [withLeaders('a', [0]), withLeaders('b', [1])] },
    );
    await awaitLeaders(admin, ['a', 'b'], 5_000);
    expect(calls()).toBe(3);
  });

  it('gives up with TOPICS.NO_LEADER naming the topics still without a leader', async () => {
    const { admin } = scripted({ topics: [withLeaders('a', [0]), withLeaders('b', [-1])] });
    await expect(awaitLeaders(admin, ['a', 'b'], 250)).rejects.toMatchObject({
      code: 'TOPICS.NO_LEADER',
      kind: 'unavailable',
      message: expect.stringContaining('no leader for every partition of b within 250 ms'),
    });
  });

  it('throws any other error at once', async () => {
    const { admin, calls } = scripted(protocolError('TOPIC_AUTHORIZATION_FAILED', 29));
    await expect(awaitLeaders(admin, ['a'], 5_000)).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    expect(calls()).toBe(1);
  });
});

describe(awaitConfigs.name, () => {
  type Described = Awaited<ReturnType<Admin['describeConfigs']>>;
  const described = (...topics: [string, Record<string, string>][]): Described => ({
    throttleTime: 0,
    resources: topics.map(([resourceName, configs]) => ({
      errorCode: 0,
      errorMessage: null as unknown as string,
      resourceName,
      resourceType: 2,
      configEntries: Object.entries(configs).map(([configName, configValue]) => ({
        configName,
        configValue,
        readOnly: false,
        isDefault: false,
        configSource: 1,
        isSensitive: false,
        configSynonyms: [],
      })),
    })),
  });
  /** An admin whose DescribeConfigs answers are played in order; the last one repeats. */
  function scripted(...answers: (Described | Error)[]) {
    let calls = 0;
    const admin = {
      describeConfigs: async (): Promise<Described> => {
        const answer = answers[Math.min(calls, answers.length - 1)];
        calls += 1;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    };
    return { admin, calls: () => calls };
  }

  it('waits while the broker still shows the settings from before the change', async () => {
    const { admin, calls } = scripted(
      described(['a', { 'retention.ms': '3600000', 'segment.ms': '60000' }], ['b', { 'retention.ms': '3600000' }]),
      described(['a', { 'retention.ms': '5400000', 'segment.ms': '60000' }], ['b', { 'retention.ms': '3600000' }]),
      described(['a', { 'retention.ms': '5400000', 'segment.ms': '60000' }], ['b', { 'retention.ms': '5400000' }]),
    );
    const wanted: TopicConfigs[] = [
      { topic: 'a', configs: { 'retention.ms': '5400000', 'segment.ms': '60000' } },
      { topic: 'b', configs: { 'retention.ms': '5400000' } },
    ];
    await expect(awaitConfigs(admin, wanted, 5_000)).resolves.toBeUndefined();
    expect(calls()).toBe(3);
  });

  it('counts a setting missing from the answer as not applied', async () => {
    const { admin, calls } = scripted(described(['a', { 'retention.ms': '5400000' }]), described(['a', { 'retention.ms': '5400000', 'segment.ms': '60000' }]));
    await awaitConfigs(admin, [{ topic: 'a', configs: { 'retention.ms': '5400000', 'segment.ms': '60000' } }], 5_000);
    expect(calls()).toBe(2);
  });

  it('gives up with TOPICS.CONFIG_NOT_APPLIED naming the topics that still differ', async () => {
    const { admin } = scripted(described(['a', { 'retention.ms': '5400000' }], ['b', { 'retention.ms': '3600000' }]));
    const wanted = [
      { topic: 'a', configs: { 'retention.ms': '5400000' } },
      { topic: 'b', configs: { 'retention.ms': '5400000' } },
    ];
    await expect(awaitConfigs(admin, wanted, 250)).rejects.toMatchObject({
      code: 'TOPICS.CONFIG_NOT_APPLIED',
      kind: 'unavailable',
      message: 'the broker does not show the new settings of b within 250 ms of changing them',
    });
  });

  it('throws an error of the request at once', async () => {
    const { admin, calls } = scripted(new KafkaJSProtocolError(Object.assign(new Error('denied'), { type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false })));
    await expect(awaitConfigs(admin, [{ topic: 'a', configs: { 'retention.ms': '1' } }], 5_000)).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    expect(calls()).toBe(1);
  });
});
