import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import { SpanKind } from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { connectUntilReachable, type BrokerConnection } from './broker-connection';
import { traceparentOf } from './inbound-message';
import type { InboundEventProcessor } from './inbound-processor';
import { inStoryTrace, type StoryStep } from './trace-context';

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
 * the message's headers (`inStoryTrace`), as OpenTelemetry's kafkajs instrumentation does for
 * `eachMessage`: for `eachBatch` it opens one new trace per fetch and only links each message
 * to its producer, which would cut every story's trace at each consumer. The fetch's trace and
 * the story's are linked both ways.
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

  private connection?: BrokerConnection;
  private attempt?: Promise<void>;
  private settleFirst!: (joined: boolean) => void;
  /**
   * Resolves after the first attempt to join the broker, true when it joined. When false, the
   * server goes on trying in the background (`listen`), and the service serves meanwhile.
   */
  readonly firstAttempt = new Promise<boolean>((resolve) => (this.settleFirst = resolve));

  /**
   * Nest's `listen`, tried again until the broker answers (connectUntilReachable's waits) rather
   * than failing once: Nest would reject `startAllMicroservices` and the service would exit, so a
   * broker away at start would keep the public site and the desk from starting too. `callback`
   * is called once consuming has started. Any failure to start (an unreachable broker, a login
   * or a topic refused) is logged with its reason at each attempt, and readiness stays `starting`
   * while the broker cannot be reached.
   */
  override async listen(callback: (error?: unknown) => void): Promise<void> {
    const attempt = {
      connect: () => {
        this.attempt = (async () => {
          try {
            this.client = this.createClient();
            await this.start(callback);
          } catch (error) {
            await this.disconnectClients();
            throw error;
          }
        })();
        return this.attempt;
      },
    };
    this.connection = connectUntilReachable(attempt, 'the event consumer');
    void this.connection.first.then((joined) => this.settleFirst(joined));
    await this.connection.connected;
  }

  override async close(): Promise<void> {
    this.connection?.stop();
    this.settleFirst(false);
    // An attempt on its way (joining as the service is told to stop) finishes first, so the
    // consumer it made is the one disconnected below, not left in the group (at most 10 s).
    await Promise.race([this.attempt?.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    await super.close();
  }

  private async disconnectClients(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.producer = null;
  }

  /** Routes already worked out, by the topic a message came from (see `getRouteFromPattern`). */
  private readonly routes = new Map<string, string>();

  /**
   * Nest's lookup of a message's handler, remembered per topic. Nest first tries the topic as
   * JSON (a pattern may be an object) and falls back to the plain name when `JSON.parse`
   * throws: an exception for every message, twice, which showed in a consumer's profile.
   * Only routes of subscribed topics are kept, so the map is as small as the subscription.
   */
  protected override getRouteFromPattern(pattern: string): string {
    const known = this.routes.get(pattern);
    if (known !== undefined) return known;
    const route = super.getRouteFromPattern(pattern);
    if (this.messageHandlers.has(route)) this.routes.set(pattern, route);
    return route;
  }

  private readonly joinListeners: (() => void)[] = [];

  /** Calls `listener` each time the consumer joins its group: then, and not when `run` returns, it consumes. */
  onGroupJoin(listener: () => void): void {
    this.joinListeners.push(listener);
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    // kafkajs's run() resolves even when joining fails (a refused group is retried in the
    // background, or crashes): only the join says the consumer is really consuming.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const listener of this.joinListeners) listener();
    });
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
    // A CONSUMER span under the producer's `traceparent`, as the instrumentation makes for eachMessage.
    const handle = (message: KafkaMessage) =>
      inStoryTrace(traceparentOf(message.headers), processStep(topic, partition, message), () => this.handleMessage({ topic, partition, message, heartbeat, pause }));
    for (let from = 0; from < batch.messages.length; from += this.maxEventsPerTransaction) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(from, from + this.maxEventsPerTransaction);
      await this.processor.applyTogether(chunk, handle, (message) => resolveOffset(message.offset), { topic, partition });
      await heartbeat();
    }
  }
}

/** The `process <topic>` span of one message, with OpenTelemetry's messaging attributes. */
function processStep(topic: string, partition: number, message: KafkaMessage): StoryStep {
  return {
    name: `process ${topic}`,
    kind: SpanKind.CONSUMER,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': topic,
      'messaging.destination.partition.id': String(partition),
      'messaging.kafka.offset': message.offset,
      ...(message.key ? { 'messaging.kafka.message.key': message.key.toString() } : {}),
    },
  };
}
