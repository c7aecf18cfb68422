/**
 * The broker-side half of event trust, on a real Apache Kafka node with a
 * SASL_SSL listener, a throwaway CA and the StandardAuthorizer: the ACLs that
 * provisioning derives from TOPIC_ACCESS let each service's principal do
 * exactly what it needs, and nothing else.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, Partitioners, ResourcePatternTypes, type Consumer } from 'kafkajs';
import { saslCredentials, type KafkaSaslMechanism, type KafkaSecurity } from '@newsroom/config';
import { TOPICS, allTopicSpecs, deadLetterTopicOf } from '@newsroom/contracts';
import { WORKSPACE_ROOT, startSecuredKafka, type KafkaUser, type SecuredKafka } from '@newsroom/testing';
import { deadLetterReaderPrefix, readDeadLetters } from '../dead-letters';
import { provisionTopics } from '../topic-provisioning';
import { kafkajsSecurity } from './kafka-security';
import { NEWSROOM_SERVICES, TOPIC_ACCESS, defaultAccessSettings, newsroomAcls, type NewsroomService } from './topic-access';

jest.setTimeout(120_000);

const SETTINGS = { replicationFactor: 1, minInsyncReplicas: 1, retentionMs: -1, deadLetterRetentionMs: -1 };

describe('broker ACLs from the access table', () => {
  let broker: SecuredKafka;
  const clients: { disconnect(): Promise<void> }[] = [];

  const security = (user: KafkaUser, mechanism: KafkaSaslMechanism = 'SCRAM-SHA-512'): KafkaSecurity => ({
    protocol: 'SASL_SSL',
    tls: { ca: broker.caCert },
    sasl: saslCredentials(mechanism, user.name, user.password),
  });
  // A few retries ride out a new topic's leader election; refusals are not retried by kafkajs.
  const kafkaAs = (sec: KafkaSecurity | undefined, clientId = 'acl-test') =>
    new Kafka({ clientId, brokers: broker.brokers, logLevel: logLevel.NOTHING, connectionTimeout: 5000, retry: { retries: 3, initialRetryTime: 200 }, ...kafkajsSecurity(sec) });

  async function produceAs(sec: KafkaSecurity, topic: string): Promise<void> {
    const producer = kafkaAs(sec).producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    clients.push(producer);
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key: 'article-1', value: JSON.stringify({ probe: topic }) }] });
    } finally {
      await producer.disconnect();
    }
  }

  /** Resolves with the first message's topic once the group has read one from every topic, or rejects with why it could not. */
  async function consumeAs(sec: KafkaSecurity, groupId: string, topics: string[]): Promise<string[]> {
    const consumer: Consumer = kafkaAs(sec).consumer({ groupId, maxWaitTimeInMs: 100, retry: { retries: 0, restartOnFailure: async () => false } });
    clients.push(consumer);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      return await new Promise<string[]>((resolve, reject) => {
        const seen = new Set<string>();
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        consumer
          .run({
            eachMessage: async ({ topic }) => {
              seen.add(topic);
              if (seen.size === topics.length) resolve([...seen].sort());
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }

  const errorOf = async (work: Promise<unknown>): Promise<{ type?: string; name?: string; message: string }> => {
    try {
      await work;
    } catch (error) {
      const { name, message } = error as Error;
      return { name, message, type: refusalType(error) };
    }
    throw new Error('expected the broker to refuse, but it allowed it');
  };

  beforeAll(async () => {
    broker = await startSecuredKafka({ users: [...NEWSROOM_SERVICES] });
    const report = await provisionTopics({ brokers: broker.brokers, settings: SETTINGS, security: security(broker.admin), access: defaultAccessSettings() });
    expect(report.acls?.granted).toHaveLength(newsroomAcls().length);
    // One event on each article topic, for the consumers to read.
    for (const topic of Object.values(TOPICS)) await produceAs(security(broker.admin), topic);
    await groupCoordinatorLoaded();
  });

  /**
   * Resolves once the admin has joined a group of its own. A fresh broker loads its group
   * coordinator on the first join, and until then answers joins with "the coordinator is
   * loading"; consumeAs does not retry (a refusal must show at once), so on a busy machine its
   * first consumer could fail on that instead of on what it checks.
   */
  async function groupCoordinatorLoaded(): Promise<void> {
    const consumer = kafkaAs(security(broker.admin), 'acl-test-warm-up').consumer({ groupId: 'acl-test-warm-up', maxWaitTimeInMs: 100, retry: { retries: 10, initialRetryTime: 200 } });
    clients.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPICS.drafting], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
      consumer.run({ eachMessage: async () => undefined }).catch(reject);
    });
    await consumer.disconnect();
  }

  afterAll(async () => {
    await Promise.allSettled(clients.map((client) => client.disconnect()));
    await broker?.stop();
  });

  it('lets each service write exactly its own topic and the dead-letter twins of what it consumes', async () => {
    const outcomes: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    for (const service of NEWSROOM_SERVICES) {
      const { produces, consumes } = TOPIC_ACCESS[service];
      const writable = new Set<string>([...(produces ? [produces] : []), ...consumes.map(deadLetterTopicOf)]);
      outcomes[service] = {};
      expected[service] = {};
      for (const { name } of allTopicSpecs()) {
        const result = await produceAs(security(broker.user(service)), name).then(
          () => 'written',
          (error: unknown) => refusalType(error) ?? String(error),
        );
        outcomes[service][name] = result;
        expected[service][name] = writable.has(name) ? 'written' : 'TOPIC_AUTHORIZATION_FAILED';
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it("refuses a producer with another service's credentials: editorial-review cannot forge a submission", async () => {
    const error = await errorOf(produceAs(security(broker.user('editorial-review')), TOPICS.drafting));
    expect(error.type).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  // The desk consumes nothing (yet): it has no group to read in.
  const consumers = NEWSROOM_SERVICES.filter((service) => TOPIC_ACCESS[service].consumes.length > 0);
  it.each<[NewsroomService]>(consumers.map((service) => [service]))('lets %s read what it consumes in its own group', async (service) => {
    const { consumes } = TOPIC_ACCESS[service];
    expect(await consumeAs(security(broker.user(service)), service, consumes)).toEqual([...consumes].sort());
  });

  it('refuses a consumer group reading a topic its service does not consume', async () => {
    // notifications reads only publishing's topic; an approval on the review topic is not for it.
    const error = await errorOf(consumeAs(security(broker.user('notifications')), 'notifications', [TOPICS.review]));
    expect(error.type).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it("refuses a service reading its own topic in another service's group", async () => {
    const error = await errorOf(consumeAs(security(broker.user('notifications')), 'publishing', [TOPICS.publishing]));
    // kafkajs looks for the group's coordinator on every broker and reports only that none answered;
    // the broker's authorizer log says why.
    expect(error.name).toBe('KafkaJSGroupCoordinatorNotFound');
    expect(readFileSync(broker.node.serverLog, 'utf8')).toMatch(/Principal = User:notifications is Denied operation = \w+ from host = \S+ on resource = Group:LITERAL:publishing/);
  });

  it('is provisioned the same way by the one-shot tool, logging in from mounted secret files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'acl-tool-'));
    const passwordFile = path.join(dir, 'password');
    writeFileSync(passwordFile, `${broker.admin.password}\n`);
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', path.join(WORKSPACE_ROOT, 'tools/kafka/provision-topics.ts')],
      {
        cwd: WORKSPACE_ROOT,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          TS_NODE_PROJECT: path.join(WORKSPACE_ROOT, 'tsconfig.json'),
          KAFKAJS_NO_PARTITIONER_WARNING: '1',
          KAFKA_BROKERS: broker.brokers.join(','),
          KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
          KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
          KAFKA_SASL_USERNAME: broker.admin.name,
          KAFKA_SASL_PASSWORD_FILE: passwordFile,
          KAFKA_SSL_CA_FILE: broker.caFile,
          KAFKA_MANAGE_ACLS: 'true',
        },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain(broker.admin.password);
    const report = JSON.parse(result.stdout.trim().split('\n').pop()!);
    expect(report).toMatchObject({ connection: `SASL_SSL SCRAM-SHA-256 as ${broker.admin.name}, own CA`, created: [], acls: { granted: [], revoked: [] } });
  });

  it('revokes a grant of a newsroom principal that the table does not hold, and keeps others', async () => {
    const admin = kafkaAs(security(broker.admin)).admin();
    clients.push(admin);
    await admin.connect();
    const extra = (principal: string) => ({
      principal,
      host: '*',
      operation: AclOperationTypes.READ,
      permissionType: AclPermissionTypes.ALLOW,
      resourceType: AclResourceTypes.TOPIC,
      resourceName: TOPICS.review,
      resourcePatternType: ResourcePatternTypes.LITERAL,
    });
    // Someone let notifications read approvals; an operator's own principal also got a grant.
    await admin.createAcls({ acl: [extra('User:notifications'), extra('User:auditor')] });
    // The broker applies an ACL change after its controller has committed it, a moment after the
    // admin request returns: read the grants until they show the change (about 10 s at most).
    const readers = async () => {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.TOPIC,
        resourceName: TOPICS.review,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        operation: AclOperationTypes.READ,
        permissionType: AclPermissionTypes.ALLOW,
      });
      return resources.flatMap((resource) => resource.acls.map((acl) => acl.principal)).sort();
    };
    const settled = async (expected: string[]): Promise<string[]> => {
      let seen = await readers();
      for (const deadline = Date.now() + 10_000; JSON.stringify(seen) !== JSON.stringify(expected) && Date.now() < deadline; seen = await readers()) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return seen;
    };
    const granted = ['User:auditor', 'User:drafting', 'User:notifications', 'User:publishing'];
    expect(await settled(granted)).toEqual(granted);
    const report = await provisionTopics({ brokers: broker.brokers, settings: SETTINGS, security: security(broker.admin), access: defaultAccessSettings() });
    expect(report.acls).toEqual({ granted: [], revoked: [`User:notifications READ TOPIC:${TOPICS.review}`] });
    const kept = ['User:auditor', 'User:drafting', 'User:publishing'];
    expect(await settled(kept)).toEqual(kept);
    await admin.disconnect();
  });

  it("lets an operator read dead letters with the dead-letter tool's code, and a service those of what it consumes, in its own reader groups only", async () => {
    await produceAs(security(broker.user('publishing')), deadLetterTopicOf(TOPICS.review));
    const letters = await readDeadLetters(broker.brokers, TOPICS.review, security(broker.admin));
    expect(letters.length).toBeGreaterThan(0);
    // publishing consumes the review topic: its dead-letter desk reads review's dead letters in its reader groups.
    const own = await readDeadLetters(broker.brokers, TOPICS.review, security(broker.user('publishing')), deadLetterReaderPrefix('publishing'));
    expect(own.map((letter) => letter.offset)).toEqual(letters.map((letter) => letter.offset));
    // Not in a group of its own choosing (the operator's tool's)…
    const otherGroup = await errorOf(readDeadLetters(broker.brokers, TOPICS.review, security(broker.user('publishing'))));
    expect(otherGroup.name).toBe('KafkaJSGroupCoordinatorNotFound');
    // …and not the dead letters of a topic it does not consume, in any group.
    const notConsumed = await errorOf(readDeadLetters(broker.brokers, TOPICS.review, security(broker.user('notifications')), deadLetterReaderPrefix('notifications')));
    expect(notConsumed.message).toMatch(/not authorized|TOPIC_AUTHORIZATION_FAILED/i);
  });

  it('logs in with PLAIN and SCRAM-SHA-256 as well as SCRAM-SHA-512', async () => {
    await produceAs(security(broker.user('publishing'), 'PLAIN'), TOPICS.publishing);
    await produceAs(security(broker.user('publishing'), 'SCRAM-SHA-256'), TOPICS.publishing);
  });

  it('refuses a wrong password', async () => {
    const wrong = { ...broker.user('drafting'), password: 'not-the-password' };
    const error = await errorOf(produceAs(security(wrong), TOPICS.drafting));
    expect(error.name).toBe('KafkaJSSASLAuthenticationError');
    expect(error.message).toMatch(/SASL SCRAM SHA512 authentication failed/);
  });

  it('refuses a client without credentials, over TLS or in the clear', async () => {
    const withoutLogin = await errorOf(produceAs({ protocol: 'SSL', tls: { ca: broker.caCert } }, TOPICS.drafting));
    expect(withoutLogin.name).toMatch(/KafkaJS/);
    const inTheClear = await errorOf(produceAs({ protocol: 'PLAINTEXT' }, TOPICS.drafting));
    expect(inTheClear.name).toMatch(/KafkaJS/);
  });

  it('refuses a broker certificate from a CA the client does not trust', async () => {
    const error = await errorOf(produceAs({ ...security(broker.user('drafting')), tls: {} }, TOPICS.drafting));
    expect(error.message).toMatch(/self[- ]signed|unable to verify|certificate/i);
  });
});

/**
 * The broker's error code behind a kafkajs error. kafkajs rethrows a refused
 * metadata request as a KafkaJSNonRetriableError that keeps only the protocol
 * error's message, so the code is recovered from kafkajs's own message for it.
 */
function refusalType(error: unknown): string | undefined {
  const { type, cause, message } = error as { type?: string; cause?: { type?: string }; message?: string };
  if (type ?? cause?.type) return type ?? cause?.type;
  if (message?.startsWith('Not authorized to access topics')) return 'TOPIC_AUTHORIZATION_FAILED';
  if (message?.startsWith('Not authorized to access group')) return 'GROUP_AUTHORIZATION_FAILED';
  return undefined;
}
