import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Partitioners, type IHeaders, type Producer } from 'kafkajs';
import { MESSAGE_LIMITS, deadLetterTopicOf, truncateUtf8 } from '@newsroom/contracts';
import { connectUntilReachable, type BrokerConnection } from './broker-connection';
import { createKafka } from './kafka-client';
import { MESSAGING_OPTIONS, resolveMessagingOptions, type MessagingOptions } from './messaging.options';
import type { InboundMessage } from './inbound-message';

/** Headers that explain why a message was dead-lettered. */
export const DLQ_HEADERS = {
  error: 'x-dlq-error',
  consumer: 'x-dlq-consumer',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  attempts: 'x-dlq-attempts',
  failedAt: 'x-dlq-failed-at',
} as const;

/**
 * Sends a message that cannot be processed to `<topic>.dlq`, unchanged, with
 * the reason in headers. Only after the broker acknowledged it does the
 * consumer move past the original message.
 */
@Injectable()
export class DeadLetterPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly options: Required<MessagingOptions>;
  private producer?: Producer;
  private connection?: BrokerConnection;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.options = resolveMessagingOptions(options);
  }

  onApplicationBootstrap(): void {
    this.producer = createKafka(`${this.options.serviceName}-dlq`, this.options.brokers, this.options.security).producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: false,
      maxInFlightRequests: 1,
    });
    // Not awaited: a broker away at start must not keep the service from serving
    // (connectUntilReachable); nothing is dead-lettered before something was consumed, and
    // publish() waits for the connection.
    this.connection = connectUntilReachable(this.producer, `${this.options.serviceName}: the dead-letter producer`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.connection?.stop();
    await this.producer?.disconnect().catch(() => undefined);
  }

  async publish(message: InboundMessage, reason: string, attempts: number): Promise<void> {
    if (!this.producer || !this.connection) throw new Error('dead-letter producer is not connected');
    // Not connected yet (the broker was away): try now rather than at the end of the wait.
    this.connection.hurry();
    await this.connection.connected;
    const headers: IHeaders = {
      ...message.headers,
      // The reason may quote the event's own text: cut between characters, within the header's budget.
      [DLQ_HEADERS.error]: truncateUtf8(reason, MESSAGE_LIMITS.deadLetterReasonBytes),
      [DLQ_HEADERS.consumer]: this.options.consumerGroup,
      [DLQ_HEADERS.sourceTopic]: message.topic,
      [DLQ_HEADERS.sourcePartition]: String(message.partition),
      [DLQ_HEADERS.sourceOffset]: message.offset,
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    };
    await this.producer.send({
      topic: deadLetterTopicOf(message.topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
  }
}
