// First: every kafkajs client made here or anywhere else in the process runs without the idle loop.
import './kafkajs-request-queue';
import {
  Kafka,
  Partitioners,
  logLevel,
  type Admin,
  type ICustomPartitioner,
  type KafkaConfig,
  type LogEntry,
  type Message,
  type PartitionMetadata,
  type Producer,
  type ProducerBatch,
  type ProducerConfig,
  type ProducerRecord,
  type RecordMetadata,
} from 'kafkajs';
import { Logger } from '@nestjs/common';
import type { KafkaSecurity } from '@newsroom/config';
import { MESSAGE_LIMITS } from '@newsroom/contracts';
import { kafkajsSecurity } from './security/kafka-security';

/**
 * kafkajs client settings shared by the relay, the dead-letter producer and the
 * consumer transport. Fails fast enough for health checks to notice a broker
 * outage, and retries long enough to ride out a leader change. `security`
 * adds TLS and the SASL login (none: plaintext, as in the local setup).
 */
export function kafkaClientConfig(clientId: string, brokers: string[], security?: KafkaSecurity): KafkaConfig {
  return {
    clientId,
    brokers,
    ...kafkajsSecurity(security),
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
  };
}

/**
 * How old (ms) a client's view of partition leaders may get before it asks
 * again. kafkajs refreshes it after some failures but not when a consumer's
 * fetch finds its leader's port closed (a broker that died): its consumer then
 * retries the dead broker until the view expires, which by default is after 5
 * minutes. With a few seconds it moves to the new leader once the cluster has
 * fenced the dead one; the price is one small metadata request per interval.
 */
export const METADATA_MAX_AGE_MS = 5000;

export function createKafka(clientId: string, brokers: string[], security?: KafkaSecurity): Kafka {
  return new PartitionSafeKafka(kafkaClientConfig(clientId, brokers, security));
}

/**
 * A kafkajs client whose producers never drop messages on a leader change.
 *
 * kafkajs 2.2.4 tracks one send()'s requests per broker. When a request fails
 * (its leader died, or answered NOT_LEADER), it retries only towards brokers
 * that have not answered yet; a partition whose leadership moved to a broker
 * that already answered for other partitions is skipped, and send() resolves
 * as if every message had been written. The three-node SIGKILL test caught it:
 * one relay batch's events for the killed leader's partition were marked sent
 * and never reached the topic. So producers made here send each partition's
 * messages as a request of their own (the partitions in parallel, each one's
 * messages in order); a retry then always goes to that partition's new leader.
 */
class PartitionSafeKafka extends Kafka {
  override producer(config: ProducerConfig = {}): Producer {
    return onePartitionPerRequest(this, super.producer(config), config.createPartitioner ?? Partitioners.DefaultPartitioner);
  }
}

function onePartitionPerRequest(kafka: Kafka, producer: Producer, createPartitioner: ICustomPartitioner): Producer {
  const partitioner = createPartitioner();
  const partitionsByTopic = new Map<string, Promise<PartitionMetadata[]>>();
  let admin: { client: Admin; connected: Promise<void> } | undefined;

  // Partition counts never change (provisioning refuses a topic with another
  // count), so each topic's metadata is read once; only the count and the key
  // decide a keyed message's partition.
  const partitionsOf = (topic: string): Promise<PartitionMetadata[]> => {
    let partitions = partitionsByTopic.get(topic);
    if (!partitions) {
      partitions = (async () => {
        if (!admin) {
          const client = kafka.admin();
          admin = { client, connected: client.connect() };
        }
        await admin.connected;
        const { topics } = await admin.client.fetchTopicMetadata({ topics: [topic] });
        return topics[0].partitions;
      })();
      partitionsByTopic.set(topic, partitions);
      // A failed look-up (broker down) is tried again on the next send.
      void partitions.catch(() => partitionsByTopic.delete(topic));
    }
    return partitions;
  };

  const send = async (record: ProducerRecord): Promise<RecordMetadata[]> => {
    const partitionMetadata = await partitionsOf(record.topic);
    const byPartition = new Map<number, Message[]>();
    for (const message of record.messages) {
      const partition = message.partition ?? partitioner({ topic: record.topic, partitionMetadata, message });
      const messages = byPartition.get(partition) ?? [];
      messages.push({ ...message, partition });
      byPartition.set(partition, messages);
    }
    const results = await Promise.all(
      [...byPartition.values()].map(async (messages) => {
        // A partition's requests go one after another, so its messages keep their order.
        const written: RecordMetadata[] = [];
        for (const request of requestsWithin(messages, MESSAGE_LIMITS.eventBytes)) written.push(...(await producer.send({ ...record, messages: request })));
        return written;
      }),
    );
    return results.flat();
  };

  return {
    ...producer,
    send,
    async sendBatch({ topicMessages = [], ...options }: ProducerBatch): Promise<RecordMetadata[]> {
      const results: RecordMetadata[] = [];
      for (const { topic, messages } of topicMessages) results.push(...(await send({ ...options, topic, messages })));
      return results;
    },
    async disconnect(): Promise<void> {
      await admin?.client.disconnect().catch(() => undefined);
      await producer.disconnect();
    },
  };
}

/**
 * Splits one partition's messages, in order, into requests of at most `budgetBytes` (values,
 * keys and headers); a message larger than the budget goes alone. kafkajs writes a request's
 * messages for one partition as one record batch, and the broker refuses a batch over the
 * topic's max.message.bytes (MESSAGE_TOO_LARGE, for ever): a relay round of 200 large events
 * would otherwise never be sent. With the budget at MESSAGE_LIMITS.eventBytes a batch stays
 * under MESSAGE_LIMITS.topicMessageBytes.
 */
export function requestsWithin(messages: Message[], budgetBytes: number): Message[][] {
  const requests: Message[][] = [];
  let current: Message[] = [];
  let used = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (current.length > 0 && used + size > budgetBytes) {
      requests.push(current);
      current = [];
      used = 0;
    }
    current.push(message);
    used += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

function messageBytes(message: Message): number {
  const size = (value: unknown): number => (value === null || value === undefined ? 0 : Buffer.isBuffer(value) ? value.length : Buffer.byteLength(String(value)));
  const headers = Object.entries(message.headers ?? {}).reduce((sum, [name, value]) => sum + size(name) + (Array.isArray(value) ? value.reduce((n: number, v) => n + size(v), 0) : size(value)), 0);
  return size(message.value) + size(message.key) + headers;
}

/**
 * What a broker answers while a group or a partition is moving (a coordinator starting up, a
 * rebalance, a leader election): kafkajs asks again by itself.
 */
const TRANSIENT_BROKER_STATE = /coordinator is (not available|loading)|not the correct coordinator|rebalance in progress|leader not available|not the leader for/i;

/**
 * kafkajs's log lines as the service's JSON logs: the message as `msg`, kafkajs's own fields
 * (broker, clientId, groupId, retryCount…) under `kafka`, queryable rather than packed into the
 * message. An error kafkajs waits out by itself ("Restarting the consumer in 300ms", or a
 * transient broker state such as "The coordinator is loading" while a group starts) is a
 * warning: at error level, every deploy would trip error alerting.
 */
export function kafkaLogLine(logger: Pick<Logger, 'error' | 'warn' | 'debug'>): (entry: LogEntry) => void {
  return ({ level, log }: LogEntry) => {
    const { message, timestamp: _timestamp, logger: _kafkaLogger, ...kafka } = log as LogEntry['log'] & { logger?: unknown };
    // kafkajs passes an Error as the message on some paths: its text, not "{}".
    const said: unknown = message;
    const entry = { msg: said instanceof Error ? said.message : String(said), kafka };
    // kafkajs sends retryCount on paths where it gives up too: only its restart notice and the
    // broker states it waits out are transient. A crash for another reason stays an error.
    const retried = /^Restarting the consumer/.test(entry.msg) || TRANSIENT_BROKER_STATE.test(`${entry.msg} ${String(kafka.error ?? '')}`);
    if (level === logLevel.ERROR && !retried) logger.error(entry);
    else if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(entry);
    else logger.debug?.(entry);
  };
}

function kafkaLogCreator(): (entry: LogEntry) => void {
  return kafkaLogLine(new Logger('kafkajs'));
}
