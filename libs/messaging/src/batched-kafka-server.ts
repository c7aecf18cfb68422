import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type TextMapGetter } from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
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
 * Each message is handled in a `process <topic>` span continuing the trace its producer sent in
 * the message's headers, as OpenTelemetry's kafkajs instrumentation does for `eachMessage`: for
 * `eachBatch` it opens one new trace per fetch and only links each message to its producer,
 * which would cut every story's trace at each consumer.
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
    const handle = (message: KafkaMessage) =>
      inItsProducersTrace(topic, partition, message, () => this.handleMessage({ topic, partition, message, heartbeat, pause }));
    for (let from = 0; from < batch.messages.length; from += this.maxEventsPerTransaction) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(from, from + this.maxEventsPerTransaction);
      await this.processor.applyTogether(chunk, handle, (message) => resolveOffset(message.offset), { topic, partition });
      await heartbeat();
    }
  }
}

const tracer = trace.getTracer('@newsroom/messaging');

/** Kafka header values are Buffers (or arrays of them); W3C propagation reads strings. */
const kafkaHeaders: TextMapGetter<IHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (Array.isArray(value)) return value.map((item) => item.toString());
    return value === undefined ? undefined : value.toString();
  },
};

/**
 * Runs `work` in a CONSUMER span named `process <topic>`, a child of the span that produced the
 * message (its `traceparent` header), with OpenTelemetry's messaging attributes. Without the
 * tracing SDK the API is a no-op and this only runs `work`.
 */
function inItsProducersTrace<T>(topic: string, partition: number, message: KafkaMessage, work: () => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, message.headers ?? {}, kafkaHeaders);
  const span = tracer.startSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.destination.partition.id': String(partition),
        'messaging.kafka.offset': message.offset,
        ...(message.key ? { 'messaging.kafka.message.key': message.key.toString() } : {}),
      },
    },
    parent,
  );
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
