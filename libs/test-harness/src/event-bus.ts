import { Kafka, logLevel, Partitioners, type Consumer, type IHeaders, type Producer } from 'kafkajs';
import type { KafkaSecurity } from '@newsroom/config';
import type { NewsroomEvent } from '@newsroom/contracts';
import { kafkajsSecurity } from '@newsroom/messaging';

export interface ReceivedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  /** The parsed event, or undefined when the value is not JSON. */
  event: NewsroomEvent | undefined;
  raw: string;
}

/**
 * The broker as a test sees it: produce events (valid, forged or malformed) and
 * collect what services publish, without going through any service's code.
 */
export class TestEventBus {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];

  /** `security`: the login to use on a secured broker (a super user to see every topic, or a service's own to act as it). */
  constructor(brokers: string[], security?: KafkaSecurity) {
    this.kafka = new Kafka({ clientId: 'newsroom-test', brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 }, ...kafkajsSecurity(security) });
  }

  /** Produces `value` (an event, or any raw string) keyed by the event's subject unless `key` is given. */
  async produce(topic: string, value: NewsroomEvent | string, options: { key?: string; headers?: Record<string, string> } = {}): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    const key = options.key ?? (typeof value === 'string' ? null : value.subject);
    await this.producer.send({ topic, acks: -1, messages: [{ key, value: typeof value === 'string' ? value : JSON.stringify(value), headers: options.headers }] });
  }

  /**
   * Collects every message on `topic` from the beginning into the returned
   * array (it keeps filling while the test runs).
   */
  async collect(topic: string): Promise<ReceivedMessage[]> {
    const received: ReceivedMessage[] = [];
    const consumer = this.kafka.consumer({ groupId: `newsroom-test-${topic}-${Date.now()}-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 100 });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic: from, partition, message }) => {
        const raw = message.value?.toString('utf8') ?? '';
        received.push({ topic: from, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, headers: headerStrings(message.headers), event: parseOrUndefined(raw), raw });
      },
    });
    return received;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.producer?.disconnect(), ...this.consumers.map((c) => c.disconnect())]);
  }
}

function parseOrUndefined(raw: string): NewsroomEvent | undefined {
  try {
    return JSON.parse(raw) as NewsroomEvent;
  } catch {
    return undefined;
  }
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, Buffer.isBuffer(value) ? value.toString('utf8') : String(value)]));
}
