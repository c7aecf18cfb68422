import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { EventPattern, type KafkaContext } from '@nestjs/microservices';
import type { IHeaders } from 'kafkajs';
import { TRACEPARENT_HEADER } from '@newsroom/contracts';

/** A consumed Kafka message, as the messaging library hands it to consumers. */
export interface InboundMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  /** The raw value: consumers parse and validate it themselves. */
  value: Buffer | null;
  headers: IHeaders;
  /** When the producer created the message, ms since the epoch (Kafka's CreateTime), as kafkajs gives it. */
  timestamp?: string;
  heartbeat(): Promise<void>;
}

/** Marks a controller method as the consumer of one topic. */
export const ConsumeTopic = (topic: string): MethodDecorator => EventPattern(topic);

/** Injects the consumed message into a `@ConsumeTopic` method. */
export const Inbound = createParamDecorator((_: unknown, context: ExecutionContext): InboundMessage => {
  const kafka = context.switchToRpc().getContext<KafkaContext>();
  const message = kafka.getMessage();
  return {
    topic: kafka.getTopic(),
    partition: kafka.getPartition(),
    offset: message.offset,
    key: message.key ?? null,
    value: toBuffer(message.value),
    headers: message.headers ?? {},
    timestamp: message.timestamp,
    heartbeat: () => kafka.getHeartbeat()(),
  };
});

function toBuffer(value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The W3C `traceparent` a producer sent in a message's headers (kafkajs gives Buffers), if any. */
export function traceparentOf(headers: IHeaders | undefined): string | undefined {
  return headerText(headers?.[TRACEPARENT_HEADER]);
}

function headerText(value: unknown): string | undefined {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return headerText(value[0]);
  return undefined;
}
