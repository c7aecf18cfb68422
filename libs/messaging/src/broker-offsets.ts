import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { deadLetterTopicOf } from '@newsroom/contracts';
import { createKafka } from './kafka-client';
import { MESSAGING_OPTIONS, resolveMessagingOptions, type MessagingOptions } from './messaging.options';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Messages on the partition after the group's committed offset (the whole partition when nothing is committed yet). */
  lag: number;
}

export interface TopicDepth {
  topic: string;
  /** Messages the topic holds now (end offset minus start offset, summed over partitions). */
  depth: number;
}

/**
 * Reads offsets from the broker for metrics: this service's consumer lag per topic
 * partition and the depth of the dead-letter topics it writes to. Uses one admin
 * connection, opened on first use; every read is a couple of small metadata requests.
 */
@Injectable()
export class BrokerOffsets implements OnApplicationShutdown {
  private readonly options: Required<MessagingOptions>;
  private admin?: Promise<Admin>;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.options = resolveMessagingOptions(options);
  }

  /** Lag of this service's consumer group on each partition of `topics`. */
  async consumerLag(topics: readonly string[]): Promise<PartitionLag[]> {
    if (topics.length === 0) return [];
    const admin = await this.connected();
    const committed = await admin.fetchOffsets({ groupId: this.options.consumerGroup, topics: [...topics] });
    const lags: PartitionLag[] = [];
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const offset = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        // -1: nothing committed yet; the group starts from the beginning, so all of it is ahead.
        const from = offset < 0 ? Number(end.low) : offset;
        lags.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) });
      }
    }
    return lags;
  }

  /** Messages waiting on the dead-letter twin of each of `topics`. */
  async deadLetterDepth(topics: readonly string[]): Promise<TopicDepth[]> {
    const admin = await this.connected();
    return Promise.all(
      topics.map(async (topic) => {
        const deadLetterTopic = deadLetterTopicOf(topic);
        const offsets = await admin.fetchTopicOffsets(deadLetterTopic);
        return { topic: deadLetterTopic, depth: offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0) };
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = await this.admin?.catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  }

  private connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = createKafka(`${this.options.serviceName}-offsets`, this.options.brokers, this.options.security).admin({ retry: { retries: 1 } });
      this.admin = admin.connect().then(() => admin);
      // A failed connection is tried again on the next read.
      this.admin.catch(() => (this.admin = undefined));
    }
    return this.admin;
  }
}
