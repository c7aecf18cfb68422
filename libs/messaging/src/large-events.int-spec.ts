/**
 * Events near the size limit on a real Kafka node whose topics were provisioned by
 * provisionTopics: several of them for one partition in one send() all arrive, in order,
 * and one over the topic's max.message.bytes is refused at once rather than retried for ever.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { MESSAGE_LIMITS, TOPICS } from '@newsroom/contracts';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { createKafka } from './kafka-client';

jest.setTimeout(120_000);

describe('events near the size limit', () => {
  let broker: LocalBroker;

  beforeAll(async () => {
    broker = await startLocalBroker();
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it('sends five events of almost the maximum size for one article in one call, and all arrive in order', async () => {
    const producer = createKafka('large-events-test', broker.brokers).producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1 });
    await producer.connect();
    const key = randomUUID();
    const value = (n: number) => `${n}:${'x'.repeat(MESSAGE_LIMITS.eventBytes - 200)}`;
    try {
      await producer.send({ topic: TOPICS.publishing, acks: -1, messages: [0, 1, 2, 3, 4].map((n) => ({ key, value: value(n), headers: { traceparent: 't'.repeat(55) } })) });
    } finally {
      await producer.disconnect();
    }

    const received: KafkaMessage[] = [];
    const consumer = new Kafka({ clientId: 'large-events-reader', brokers: broker.brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: `large-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.publishing, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void (message.key?.toString() === key && received.push(message)) });
    try {
      // The harness's eventually() lives in test-harness, which depends on this library.
      for (const deadline = Date.now() + 30_000; received.length < 5 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await consumer.disconnect();
    }
    expect(received.map((m) => m.value?.toString().split(':')[0])).toEqual(['0', '1', '2', '3', '4']);
    expect(received.every((m) => m.value?.length === value(0).length)).toBe(true);
  });

  it('has the broker refuse one event over the topic limit with MESSAGE_TOO_LARGE, not retry it', async () => {
    const producer = createKafka('large-events-test', broker.brokers).producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    try {
      await expect(
        producer.send({ topic: TOPICS.publishing, acks: -1, messages: [{ key: randomUUID(), value: 'x'.repeat(MESSAGE_LIMITS.topicMessageBytes + 1) }] }),
      ).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
    } finally {
      await producer.disconnect();
    }
  });
});
