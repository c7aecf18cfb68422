import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import {
  DomainError,
  validateEvent,
  type EventType,
  type NewsroomEvent,
  type ParsedEvent,
  type ValidatedEvent,
  type ValidatedEventOf,
} from '@newsroom/contracts';
import { UnitOfWork } from '@newsroom/persistence';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { traceparentOf, type InboundMessage } from './inbound-message';
import { MESSAGING_OPTIONS, resolveMessagingOptions, type MessagingOptions } from './messaging.options';
import { Outbox } from './outbox';
import { runInTrace } from './trace-context';

/**
 * What a consumer does with each event type it cares about; other types are
 * skipped. A handler is a one-line adapter: it maps the event to a command and
 * calls a use case, which joins the inbox's unit of work. The event is as `validateEvent`
 * returned it, its data `Validated`: a command is built from it with `fromValidated`.
 */
export type EventHandlers = {
  [K in EventType]?: (event: ValidatedEventOf<K>) => Promise<unknown>;
};

/**
 * Work a consumer does once for a chunk of events sharing one transaction (see
 * `applyTogether`), before the first of them is handled: given the chunk's events that will be
 * handled (new, with a handler), in order — say, to read and lock in one statement the rows
 * their handlers would each read. It runs in the chunk's unit of work; a throw rolls the chunk
 * back and its events are applied one at a time, without it.
 */
export type PrepareChunk = (events: readonly ValidatedEvent[]) => Promise<void>;

export type ProcessingOutcome = 'applied' | 'duplicate' | 'skipped' | 'dead-lettered';

/** One consumed event as metrics see it; `eventTime` is the envelope's `time` (absent when invalid). */
export interface ProcessedEvent {
  topic: string;
  eventType: string;
  outcome: ProcessingOutcome;
  eventTime?: Date;
  finishedAt: Date;
}

/** Listeners told of every consumed event once it is handled (libs/observability counts them). */
export class ConsumerActivity {
  private readonly listeners: ((event: ProcessedEvent) => void)[] = [];

  onProcessed(listener: (event: ProcessedEvent) => void): void {
    this.listeners.push(listener);
  }

  record(event: ProcessedEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** What `applyTogether` needs of a message: kafkajs's and InboundMessage both fit. */
export interface ChunkMessage {
  offset: string;
  value: Buffer | null;
}

/** Consecutive messages of one partition handed to `applyTogether`, each decoded once. */
interface Chunk {
  topic: string;
  partition: number;
  /** Each message's event (or what is wrong with it), by offset, in the messages' order. */
  decoded: Map<string, Decoded>;
  /** Set while the chunk's events share one transaction; absent when they are applied one at a time. */
  shared?: SharedTransaction;
}

/** A chunk of events being applied in one transaction. */
interface SharedTransaction {
  /** The first failure, which rolls the chunk back. */
  failure?: unknown;
  /** The chunk's inbox rows, written in one statement when the first event with a handler comes. */
  claims?: InboxClaims;
}

interface InboxClaims {
  /** The consumer's handlers the rows were chosen by: an event has a row only if its type has a handler. */
  handlers: EventHandlers;
  /** Offsets of the events new to the inbox (their row was inserted) whose handler has not run yet. */
  unapplied: Set<string>;
}

/**
 * The one path every consumed event takes: parse and validate, then apply the
 * handler and record the event id in the inbox in one transaction. A
 * redelivered event finds its inbox row and changes nothing. Failures are
 * retried with exponential backoff; an invalid event, a non-retriable domain
 * error, or an event that exhausts its attempts goes to the dead-letter topic.
 * This method returns only once the event is handled or dead-lettered, so the
 * offset is never committed before that.
 *
 * Under load, consecutive events of a partition share one transaction
 * (`applyTogether`, fed by BatchedKafkaServer): each keeps its own inbox row
 * and handler call, but the chunk's inbox rows are written by one statement
 * before the first handler runs, the events its handlers record go to the
 * outbox in one statement before the commit (Outbox.gatherUntilCommit), and the
 * commit and its WAL flush are paid once. Any failure in such a chunk — an
 * invalid event, a handler error, the database — rolls the whole chunk back and
 * its events are applied again one at a time by the path above, which retries
 * and dead-letters each on its own. So sharing never changes what is applied,
 * only how many round trips and commits it takes.
 */
@Injectable()
export class InboundEventProcessor implements BeforeApplicationShutdown {
  private readonly logger = new Logger(InboundEventProcessor.name);
  private readonly options: Required<MessagingOptions>;
  private stopping = false;
  /** Set while `applyTogether` hands a chunk's messages to the consumer. */
  private readonly chunks = new AsyncLocalStorage<Chunk>();
  readonly activity = new ConsumerActivity();

  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    private readonly unitOfWork: UnitOfWork,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly outbox: Outbox,
  ) {
    this.options = resolveMessagingOptions(options);
  }

  /**
   * From here on the database is being closed: a failing event must not be
   * retried into the dead-letter topic, but left uncommitted for the next start.
   */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  /**
   * Applies `messages` (consecutive, of one partition `where`, in order) by calling `handle`
   * for each — the transport's route to a `@ConsumeTopic` method, which ends in `process()` —
   * and `settled` for each once it is committed or dead-lettered, in order. Each message is
   * decoded once, here, and `process()` takes that result.
   *
   * Several valid messages share one transaction: the first `process()` with a handler writes
   * the inbox rows of all of them whose type has a handler in one statement, and each event
   * then knows from its result whether it is new or a duplicate; the outbox rows their handlers
   * record are written together before the commit. If any message is invalid, or any fails,
   * nothing of the chunk is committed and each message is handled again on its own (retries,
   * dead letters), so nothing is skipped and nothing applied twice. `where` also names the
   * partition in logs.
   */
  async applyTogether<M extends ChunkMessage>(
    messages: readonly M[],
    handle: (message: M) => Promise<unknown>,
    settled: (message: M) => void,
    where: { topic: string; partition: number },
  ): Promise<void> {
    const chunk: Chunk = { ...where, decoded: new Map(messages.map((message) => [message.offset, decode(where.topic, message.value)])) };
    if (messages.length > 1) {
      const invalid = messages.find((message) => !chunk.decoded.get(message.offset)?.ok);
      if (invalid) {
        // Nothing of the chunk was written yet: the invalid event is dead-lettered on the path below.
        this.logger.warn({ ...where, events: messages.length, reason: `invalid event at offset ${invalid.offset}` }, 'events sharing a transaction failed; applying them one at a time');
      } else if (await this.applyInOneTransaction(messages, handle, { ...chunk, shared: {} }, where)) {
        for (const message of messages) settled(message);
        return;
      }
    }
    await this.chunks.run(chunk, async () => {
      for (const message of messages) {
        await handle(message);
        settled(message);
      }
    });
  }

  /** `applyTogether`'s shared transaction: true once it committed, false when it rolled back (logged). */
  private async applyInOneTransaction<M extends ChunkMessage>(
    messages: readonly M[],
    handle: (message: M) => Promise<unknown>,
    chunk: Chunk & { shared: SharedTransaction },
    where: { topic: string; partition: number },
  ): Promise<boolean> {
    const { shared } = chunk;
    try {
      await this.unitOfWork.run(() =>
        this.outbox.gatherUntilCommit(() =>
          this.chunks.run(chunk, async () => {
            for (const message of messages) {
              await handle(message);
              if (shared.failure !== undefined) throw shared.failure;
            }
            // A row says "applied": one whose event never reached its handler would lose that event.
            const unapplied = [...(shared.claims?.unapplied ?? [])];
            if (unapplied.length > 0) throw new Error(`events at offsets ${unapplied.join(', ')} were recorded in the inbox but not handled`);
          }),
        ),
      );
      return true;
    } catch (error) {
      if (this.stopping) throw error;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.logger.warn({ ...where, events: messages.length, reason }, 'events sharing a transaction failed; applying them one at a time');
      return false;
    }
  }

  /**
   * Applies one event with `handlers`; `prepare`, if given, runs once for a chunk of events
   * sharing a transaction, before the first is handled (PrepareChunk), and never for an event
   * applied on its own.
   */
  process(message: InboundMessage, handlers: EventHandlers, prepare?: PrepareChunk): Promise<ProcessingOutcome> {
    return runInTrace(traceparentOf(message.headers), async () => {
      const chunk = this.chunks.getStore();
      const ofChunk = chunk && chunk.topic === message.topic && chunk.partition === message.partition ? chunk : undefined;
      const decoded = ofChunk?.decoded.get(message.offset) ?? decode(message.topic, message.value);
      if (ofChunk?.shared) return this.processInSharedTransaction(message, handlers, decoded, { ...ofChunk, shared: ofChunk.shared }, prepare);
      const seen: { type?: string; time?: string } = {};
      const outcome = await this.processInTrace(message, handlers, decoded, seen);
      const eventTime = seen.time ? new Date(seen.time) : undefined;
      this.activity.record({ topic: message.topic, eventType: seen.type ?? 'invalid', outcome, eventTime, finishedAt: new Date() });
      return outcome;
    });
  }

  private async processInTrace(message: InboundMessage, handlers: EventHandlers, validated: Decoded, seen: { type?: string; time?: string }): Promise<ProcessingOutcome> {
    const where = { topic: message.topic, partition: message.partition, offset: message.offset };
    if (!validated.ok) {
      const reason = `invalid event: ${validated.issues.map((i) => i.message).join('; ')}`;
      this.logger.warn({ ...where, reason }, 'dead-lettering an invalid event');
      await this.deadLetters.publish(message, reason, 0);
      return 'dead-lettered';
    }
    const event = validated.event;
    seen.type = event.type;
    seen.time = event.time;
    const handler = handlers[event.type] as ((e: NewsroomEvent) => Promise<unknown>) | undefined;
    if (!handler) return 'skipped';

    const context = eventContext(message, event);
    const receivedAt = Date.now();
    for (let attempt = 1, outageTries = 0; ; attempt += 1) {
      try {
        const applied = await this.applyOnce(message, event, handler);
        this.logApplied(message, event, applied, { attempt, receivedAt, handledMs: Date.now() - receivedAt });
        return applied ? 'applied' : 'duplicate';
      } catch (error) {
        if (this.stopping) throw new Error(`service is shutting down; event ${event.id} will be processed after restart`);
        if (isDatabaseUnavailable(error)) {
          // Not this event's fault: no event can be applied until the database is back, and a dead
          // letter would lose this one. Wait for it without spending attempts, heartbeating meanwhile.
          outageTries += 1;
          attempt -= 1;
          const reason = error instanceof Error ? error.message : String(error);
          this.logger.warn({ ...context, outageTries, reason }, 'database unavailable; the event waits for it');
          await sleep(Math.min(this.options.retryBaseDelayMs * 2 ** (outageTries - 1), MAX_OUTAGE_RETRY_DELAY_MS));
          await message.heartbeat().catch(() => undefined);
          continue;
        }
        const retriable = !(error instanceof DomainError);
        const reason =
          error instanceof DomainError ? `${error.code}: ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        if (!retriable || attempt >= this.options.maxAttempts) {
          this.logger.error({ ...context, attempt, reason }, 'dead-lettering an event that cannot be processed');
          await this.deadLetters.publish(message, reason, attempt);
          return 'dead-lettered';
        }
        this.logger.warn({ ...context, attempt, reason }, 'event handler failed; retrying');
        await sleep(this.options.retryBaseDelayMs * 2 ** (attempt - 1));
        await message.heartbeat().catch(() => undefined);
      }
    }
  }

  /**
   * `process()` for an event in a chunk sharing one transaction (see `applyTogether`): the
   * event is applied in that transaction, its log line and metrics wait for the commit, and
   * anything but success — an invalid event, a handler's error — is left in `shared.failure`
   * for `applyTogether` to roll the chunk back and apply it alone, where it is retried or
   * dead-lettered. It is left there rather than thrown so Nest's exception filter does not
   * log an error for what is only a fallback.
   */
  private async processInSharedTransaction(
    message: InboundMessage,
    handlers: EventHandlers,
    validated: Decoded,
    chunk: Chunk & { shared: SharedTransaction },
    prepare: PrepareChunk | undefined,
  ): Promise<ProcessingOutcome> {
    const { shared } = chunk;
    if (!validated.ok) {
      shared.failure = new Error(`invalid event at offset ${message.offset}`);
      return 'skipped';
    }
    const event = validated.event;
    const handler = handlers[event.type] as ((e: NewsroomEvent) => Promise<unknown>) | undefined;
    const receivedAt = Date.now();
    let outcome: ProcessingOutcome = 'skipped';
    if (handler) {
      try {
        outcome = (await this.applyClaimed(message, event, handler, handlers, chunk, prepare)) ? 'applied' : 'duplicate';
      } catch (error) {
        shared.failure = error;
        return 'skipped';
      }
    }
    const handledMs = Date.now() - receivedAt;
    // After the commit, still in this event's trace (UnitOfWork.afterCommit keeps it).
    this.unitOfWork.afterCommit(() => {
      if (outcome !== 'skipped') this.logApplied(message, event, outcome === 'applied', { attempt: 1, receivedAt, handledMs, sharedTransaction: true });
      this.activity.record({ topic: message.topic, eventType: event.type, outcome, eventTime: new Date(event.time), finishedAt: new Date() });
    });
    return outcome;
  }

  /**
   * The line every applied (or duplicate) event leaves, with where its time went: on its way
   * here (from the producer's send, `inTransitMs`) and in its transaction (`handledMs`).
   */
  private logApplied(
    message: InboundMessage,
    event: NewsroomEvent,
    applied: boolean,
    { receivedAt, ...details }: { attempt: number; receivedAt: number; handledMs: number; sharedTransaction?: true },
  ): void {
    const inTransitMs = message.timestamp ? receivedAt - Number(message.timestamp) : undefined;
    this.logger.log({ ...eventContext(message, event), ...details, inTransitMs }, applied ? 'event applied' : 'duplicate event ignored');
  }

  /**
   * Applies an event of a shared chunk whose inbox row the chunk's one statement wrote (or
   * found there already): false, and nothing done, when the event is a duplicate — already in
   * the inbox, or earlier in the chunk. The first event with a handler writes those rows. A
   * message that is not one of the chunk's writes its own row.
   *
   * @throws when the chunk's events come with different handlers (their rows were chosen by
   *   the first's), and whatever the handler, `prepare` or the database throws; the chunk then
   *   rolls back.
   */
  private async applyClaimed(
    message: InboundMessage,
    event: NewsroomEvent,
    handler: (e: NewsroomEvent) => Promise<unknown>,
    handlers: EventHandlers,
    chunk: Chunk & { shared: SharedTransaction },
    prepare: PrepareChunk | undefined,
  ): Promise<boolean> {
    if (!chunk.decoded.has(message.offset)) return this.applyOnce(message, event, handler);
    let claims = chunk.shared.claims;
    if (!claims) {
      claims = chunk.shared.claims = await this.claimChunk(chunk, handlers);
      if (prepare) await prepare(eventsToApply(chunk, claims));
    }
    if (claims.handlers !== handlers) throw new Error('events sharing a transaction were handed different handlers; applying them one at a time');
    if (!claims.unapplied.delete(message.offset)) return false;
    await handler(event);
    return true;
  }

  /**
   * Writes the inbox rows of the chunk's events whose type has a handler in `handlers`, in one
   * statement, in the chunk's order. `ON CONFLICT DO NOTHING` skips an event already in the inbox
   * and a second delivery of one earlier in the chunk; RETURNING gives the offsets of the rows
   * written (offsets are unique within a partition, event ids may differ in letter case).
   */
  private async claimChunk(chunk: Chunk, handlers: EventHandlers): Promise<InboxClaims> {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const [offset, decoded] of chunk.decoded) {
      if (!decoded.ok || !handlers[decoded.event.type]) continue;
      const at = values.length;
      values.push(this.options.consumerGroup, decoded.event.id, decoded.event.type, chunk.topic, chunk.partition, offset);
      tuples.push(`($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`);
    }
    const inserted: { offset: string }[] = await this.unitOfWork.manager.query(
      `INSERT INTO inbox (consumer, event_id, event_type, topic, partition, "offset")
       VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING "offset"`,
      values,
    );
    return { handlers, unapplied: new Set(inserted.map((row) => String(row.offset))) };
  }

  /** Returns false when the inbox already holds the event. */
  private async applyOnce(
    message: InboundMessage,
    event: NewsroomEvent,
    handler: (e: NewsroomEvent) => Promise<unknown>,
  ): Promise<boolean> {
    return this.unitOfWork.run(async () => {
      const inserted: unknown[] = await this.unitOfWork.manager.query(
        `INSERT INTO inbox (consumer, event_id, event_type, topic, partition, "offset")
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.consumerGroup, event.id, event.type, message.topic, message.partition, message.offset],
      );
      if (inserted.length === 0) return false;
      await handler(event);
      return true;
    });
  }
}

/** The chunk's events its inbox statement wrote rows for (new, with a handler), in the chunk's order. */
function eventsToApply(chunk: Chunk, claims: InboxClaims): ValidatedEvent[] {
  const events: ValidatedEvent[] = [];
  for (const [offset, decoded] of chunk.decoded) if (decoded.ok && claims.unapplied.has(offset)) events.push(decoded.event);
  return events;
}

type Parsed = { ok: true; value: unknown } | { ok: false; issues: { path: string; message: string }[] };

/** A message's value as a valid event of its topic, or what is wrong with it. */
type Decoded = ParsedEvent | Extract<Parsed, { ok: false }>;

/**
 * Where an event is and what it is about, for its log lines: `subject` is an article id, or
 * a site-wide subject such as site:sections.
 */
function eventContext(message: InboundMessage, event: NewsroomEvent) {
  return { topic: message.topic, partition: message.partition, offset: message.offset, eventId: event.id, eventType: event.type, subject: event.subject };
}

/** A message's value, consumed from `topic`, as a valid event of that topic, or what is wrong with it. */
function decode(topic: string, value: Buffer | null): Decoded {
  const parsed = parseValue(value);
  return parsed.ok ? validateEvent(parsed.value, { topic }) : parsed;
}

function parseValue(value: Buffer | null): Parsed {
  if (!value || value.length === 0) return { ok: false, issues: [{ path: '', message: 'message has no value' }] };
  try {
    return { ok: true, value: JSON.parse(value.toString('utf8')) };
  } catch {
    return { ok: false, issues: [{ path: '', message: 'message value is not JSON' }] };
  }
}


/** Retry interval cap while the database is unreachable. */
const MAX_OUTAGE_RETRY_DELAY_MS = 5000;

/**
 * True when `error` says the database cannot be reached (refused or dropped
 * connection, server shutting down or starting: SQLSTATE class 08, 57P01–57P03),
 * as opposed to a failure of this event. TypeORM wraps driver errors in `driverError`.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (/^08/.test(code) || /^57P0[123]$/.test(code) || NETWORK_ERRORS.has(code))) return true;
    if (/Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/i.test(current.message)) return true;
    current = (current as { driverError?: unknown }).driverError ?? current.cause;
  }
  return false;
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
