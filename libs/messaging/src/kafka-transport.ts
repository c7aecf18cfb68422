import type { CustomStrategy, KafkaOptions } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import { BatchedKafkaServer } from './batched-kafka-server';
import type { InboundEventProcessor } from './inbound-processor';
import { METADATA_MAX_AGE_MS, kafkaClientConfig } from './kafka-client';
import { resolveMessagingOptions, type MessagingOptions } from './messaging.options';

/**
 * The Nest Kafka transport for a service's `@ConsumeTopic` handlers: Nest's Kafka server fed
 * a batch per partition (BatchedKafkaServer), whose consecutive events `processor` applies in
 * one transaction. Pass the service's own InboundEventProcessor (`app.get(InboundEventProcessor)`).
 */
export function kafkaConsumerTransport(options: MessagingOptions, processor: InboundEventProcessor): CustomStrategy {
  return { strategy: new BatchedKafkaServer(kafkaConsumerOptions(options), processor) };
}

/**
 * The consumer's kafkajs settings.
 *
 * Messages stay binary (the processor parses and validates them itself, and
 * dead-letters the original bytes). Offsets are committed by kafkajs only after
 * a handler resolved, and handlers resolve only once an event is applied or
 * dead-lettered. A new consumer group starts at the beginning of each topic, so
 * a service deployed after events were produced still sees them.
 */
export function kafkaConsumerOptions(options: MessagingOptions): Required<KafkaOptions>['options'] {
  const resolved = resolveMessagingOptions(options);
  return {
    client: kafkaClientConfig(`${resolved.serviceName}-consumer`, resolved.brokers, resolved.security),
    consumer: {
      groupId: resolved.consumerGroup,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100,
      sessionTimeout: 10000,
      rebalanceTimeout: 10000,
      heartbeatInterval: 3000,
      metadataMaxAge: METADATA_MAX_AGE_MS,
      // About 10 s of retries, then kafkajs restarts the consumer (it always does after
      // retries run out). Unbounded retries kept a consumer whose group coordinator
      // had died heartbeating the dead broker forever: only a restart looks it up again.
      retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 10000 },
    },
    // The transport's own producer is unused (events go out through the outbox) but is created anyway.
    producer: { createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false },
    subscribe: { fromBeginning: true },
    run: { autoCommit: true, partitionsConsumedConcurrently: 3 },
    parser: { keepBinary: true },
    postfixId: '',
  };
}
