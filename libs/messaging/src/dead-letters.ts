import { randomUUID } from 'node:crypto';
import { Partitioners, type IHeaders } from 'kafkajs';
import type { KafkaSecurity } from '@newsroom/config';
import { DEAD_LETTER_SUFFIX, deadLetterTopicOf } from '@newsroom/contracts';
import { DLQ_HEADERS } from './dead-letter.publisher';
import { createKafka } from './kafka-client';

export interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  error: string;
  consumer: string;
  sourceTopic: string;
}

/** The throwaway groups of the operator's tool (`npm run dlq`): `newsroom-dlq-reader-<uuid>`. */
export const OPERATOR_DEAD_LETTER_READER = 'newsroom-dlq-reader-';

/**
 * The throwaway groups a service's dead-letter desk reads with: `<its consumer group>.dead-letter-reader.<uuid>`.
 * The topic Job grants each service READ on groups of this prefix (topic-access.ts), and nothing else of the kind.
 */
export function deadLetterReaderPrefix(consumerGroup: string): string {
  return `${consumerGroup}.dead-letter-reader.`;
}

/**
 * Reads everything currently on `<topic>.dlq`. Uses a throwaway consumer group
 * (`readerPrefix` and a uuid), so it never moves any service's offsets, and two
 * reads at once never share partitions; it commits nothing and is deleted after the read. On a secured cluster the login needs
 * READ on the dead-letter topic and on groups of that prefix: a service has it
 * for the topics it consumes with its own prefix (`deadLetterReaderPrefix`);
 * the operator's tool needs a super user or a grant on `newsroom-dlq-reader-*`.
 */
export async function readDeadLetters(brokers: string[], topic: string, security?: KafkaSecurity, readerPrefix = OPERATOR_DEAD_LETTER_READER): Promise<DeadLetter[]> {
  const deadLetterTopic = topic.endsWith(DEAD_LETTER_SUFFIX) ? topic : deadLetterTopicOf(topic);
  const kafka = createKafka('newsroom-dead-letter-reader', brokers, security);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(deadLetterTopic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  if (remaining.size === 0) return [];

  // A one-shot reader: a crash (a refused group on a secured cluster) ends the read with its error
  // instead of restarting until the timeout.
  const groupId = `${readerPrefix}${randomUUID()}`;
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 100,
    retry: { retries: 3, restartOnFailure: async () => false },
  });
  await consumer.connect();
  await consumer.subscribe({ topic: deadLetterTopic, fromBeginning: true });
  const letters: DeadLetter[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out reading ${deadLetterTopic}`)), 60_000);
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        reject(payload.error);
      });
      void consumer.run({
        // Nothing is committed: the reader's group leaves no offsets behind (the broker keeps a
        // group's offsets for days, and every read would add one to its list of groups).
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          letters.push(toDeadLetter(partition, message.offset, message.key, message.value, message.headers ?? {}));
          if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
    await forgetGroup(kafka, groupId);
  }
  return letters.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

/**
 * Deletes a reader's group once it has left, so reading leaves nothing on the broker. Best
 * effort: the services' own logins have READ only on their reader groups (topic-access.ts
 * grants no DELETE), so on a secured cluster the empty group, which holds no offsets, stays
 * until the broker's own clean-up of empty groups (offsets.retention.check.interval.ms, 10
 * minutes by default); a super user (the operator's tool) deletes it at once.
 */
async function forgetGroup(kafka: ReturnType<typeof createKafka>, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // See above: nothing is lost by leaving it.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Sends a dead letter back to the topic it came from, unchanged, once the cause
 * is fixed. Safe to repeat: consumers apply an event id at most once.
 */
/** The broker's refusal for want of an ACL (kafkajs: TOPIC_AUTHORIZATION_FAILED, code 29), however deep in the error's causes. */
export function isAuthorizationFailure(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; at && depth < 5; depth += 1) {
    const { type, code } = at as { type?: unknown; code?: unknown };
    if (type === 'TOPIC_AUTHORIZATION_FAILED' || code === 29) return true;
    at = (at as { originalError?: unknown; cause?: unknown }).originalError ?? (at as { cause?: unknown }).cause;
  }
  return false;
}

export async function replayDeadLetter(brokers: string[], letter: DeadLetter, security?: KafkaSecurity): Promise<void> {
  const producer = createKafka('newsroom-dead-letter-replay', brokers, security).producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const dlqHeaderNames = new Set<string>(Object.values(DLQ_HEADERS));
    const headers = Object.fromEntries(Object.entries(letter.headers).filter(([name]) => !dlqHeaderNames.has(name)));
    await producer.send({ topic: letter.sourceTopic, acks: -1, messages: [{ key: letter.key, value: letter.value, headers }] });
  } finally {
    await producer.disconnect();
  }
}

function toDeadLetter(partition: number, offset: string, key: Buffer | null, value: Buffer | null, raw: IHeaders): DeadLetter {
  const headers = Object.fromEntries(
    Object.entries(raw).map(([name, header]) => [name, String(Array.isArray(header) ? header[0] : (header ?? ''))]),
  );
  return {
    partition,
    offset,
    key: key?.toString() ?? null,
    value: value?.toString() ?? '',
    headers,
    error: headers[DLQ_HEADERS.error] ?? '',
    consumer: headers[DLQ_HEADERS.consumer] ?? '',
    sourceTopic: headers[DLQ_HEADERS.sourceTopic] ?? '',
  };
}
