import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { InboundEventProcessor } from './inbound-processor';

/** Events of one partition applied in one transaction at most; a longer fetch is applied in chunks of this size. */
export const DEFAULT_MAX_EVENTS_PER_TRANSACTION = 50;

/**
 * Nest's Kafka server, fed a fetched batch per partition instead of one message at a time.
 *
 * Nest's own server runs kafkajs with `eachMessage`, so each event pays a transaction of its
 * own (BEGIN, the inbox row, the use case, COMMIT and its WAL flush) even when hundreds wait.
 * Here, what one fetch brought for a partition is handed to the InboundEventProcessor in
 * chunks (`maxEventsPerTransaction`), which applies a chunk's events in one transaction
 * (see `InboundEventProcessor.applyTogether`) and falls back to one at a time when any of
 * them fails. A chunk of one — the usual case when events trickle in — takes exactly the
 * one-event path, so latency is unchanged. Each message still goes through Nest's handler
 * pipeline (`handleMessage`: the parser, the `@ConsumeTopic` route, `@Inbound`).
 *
 * Offsets are resolved only for events applied (committed) or dead-lettered, after their
 * transaction; kafkajs commits resolved offsets (autoCommit). A rebalance (`isStale`) or a
 * stop (`isRunning`) ends the batch between chunks: what is not resolved is fetched again by
 * whoever owns the partition next, and the inbox makes a second delivery change nothing.
 */
export class BatchedKafkaServer extends ServerKafka {
  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly processor: InboundEventProcessor,
    private readonly maxEventsPerTransaction = DEFAULT_MAX_EVENTS_PER_TRANSACTION,
  ) {
    super(options);
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length > 0) await consumer.subscribe({ ...this.options.subscribe, topics });
    await consumer.run({
      ...this.options.run,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.applyBatch(payload),
    });
  }

  private async applyBatch({ batch, resolveOffset, heartbeat, pause, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const handle = (message: KafkaMessage) => this.handleMessage({ topic, partition, message, heartbeat, pause });
    for (let from = 0; from < batch.messages.length; from += this.maxEventsPerTransaction) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(from, from + this.maxEventsPerTransaction);
      await this.processor.applyTogether(chunk, handle, (message) => resolveOffset(message.offset), { topic, partition });
      await heartbeat();
    }
  }
}
