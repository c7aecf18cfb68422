import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Attributes, type Link } from '@opentelemetry/api';
import { getRPCMetadata } from '@opentelemetry/core';

/** W3C trace context (https://www.w3.org/TR/trace-context/) carried across HTTP and Kafka. */
export interface TraceContext {
  traceId: string;
  spanId: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const storage = new AsyncLocalStorage<TraceContext>();

export function parseTraceparent(header: unknown): TraceContext | undefined {
  if (typeof header !== 'string') return undefined;
  const match = TRACEPARENT.exec(header.trim());
  if (!match || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) return undefined;
  return { traceId: match[1], spanId: match[2] };
}

export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-01`;
}

/** A new span in the caller's trace, or a new trace when there is none. */
export function childOf(parent?: TraceContext): TraceContext {
  return { traceId: parent?.traceId ?? randomHex(16), spanId: randomHex(8) };
}

/**
 * Random bytes for ids, taken from a pool filled 4 KiB at a time: every consumed event and
 * every recorded one gets a span id, and asking the CSPRNG for 8 bytes each time (a fresh
 * Buffer and a locked generator call per id) was a measurable share of a consumer's CPU.
 */
const randomPool = Buffer.alloc(4096);
let randomPoolOffset = randomPool.length;

/** `bytes` random bytes (at most the pool's size) as lowercase hex. */
function randomHex(bytes: number): string {
  if (randomPoolOffset + bytes > randomPool.length) {
    randomFillSync(randomPool);
    randomPoolOffset = 0;
  }
  const hex = randomPool.toString('hex', randomPoolOffset, randomPoolOffset + bytes);
  randomPoolOffset += bytes;
  return hex;
}

/**
 * The span OpenTelemetry is recording here, when tracing is on (see libs/observability):
 * its instrumentations already continued the incoming `traceparent` (HTTP header, Kafka
 * header), so its ids are the ones to log and to pass on. Without the SDK the API is a
 * no-op and this is always undefined.
 */
function recordingSpan(): TraceContext | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && trace.isSpanContextValid(context) ? { traceId: context.traceId, spanId: context.spanId } : undefined;
}

/**
 * Runs `fn` in a span of the caller's trace: OpenTelemetry's active span when tracing is on,
 * otherwise a span id of our own under `parentTraceparent` (a new trace when it is absent).
 */
export function runInTrace<T>(parentTraceparent: unknown, fn: () => T): T {
  return storage.run(recordingSpan() ?? childOf(parseTraceparent(parentTraceparent)), fn);
}

export function currentTrace(): TraceContext | undefined {
  return recordingSpan() ?? storage.getStore();
}

/**
 * The traceparent to store with an outgoing event. With tracing on it names the span that
 * recorded the event, so the relay's send span (and every consumer after it) hangs under it;
 * without, a child span id of the current one, which keeps the trace id in every log.
 */
export function outgoingTraceparent(): string {
  return formatTraceparent(recordingSpan() ?? childOf(currentTrace()));
}

/** What a step of a story may add to its span once it knows more (the decision taken, the outcome). */
export interface StorySpan {
  setAttributes(attributes: Attributes): unknown;
}

export interface StoryStep {
  /** The span's name, e.g. `review decision`, `send push`. */
  name: string;
  /** OpenTelemetry span kind; INTERNAL unless the step calls out (CLIENT for a send). */
  kind?: SpanKind;
  /** Ids only (article, delivery, channel): never an address, a name or a text. */
  attributes?: Attributes;
}

const NO_SPAN: StorySpan = { setAttributes: () => undefined };

/**
 * Runs `fn` as a later step of a story whose trace context was stored with the story's
 * row (`storyTraceparent`, as `outgoingTraceparent()` gave it when the row was written):
 * in a span whose parent is that context, so the step, its SQL and the events it records
 * hang under the story's trace rather than under whatever request or loop runs it.
 *
 * A request that runs a step stays its own trace, rooted at its HTTP server span; the two
 * traces are linked both ways (OpenTelemetry span links,
 * https://opentelemetry.io/docs/specs/otel/overview/#links-between-spans): the step's span
 * links to the span active here, and the request's HTTP server span gets a link to the
 * step's span. Without a stored (valid) context the step is an ordinary child of the
 * current span. With tracing off only the logs follow: they carry the story's trace id.
 * Errors thrown by `fn` are recorded on the span and rethrown unchanged.
 */
export function inStoryTrace<T>(storyTraceparent: string | null | undefined, step: StoryStep, fn: (span: StorySpan) => Promise<T>): Promise<T> {
  if (propagation.fields().length === 0) return storyTraceparent ? runInTrace(storyTraceparent, () => fn(NO_SPAN)) : fn(NO_SPAN);
  const here = context.active();
  const stored = storyTraceparent ? trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent: storyTraceparent })) : undefined;
  const story = stored && trace.isSpanContextValid(stored) ? stored : undefined;
  const caller = trace.getSpan(here);
  const elsewhere = story && caller && caller.spanContext().traceId !== story.traceId ? caller : undefined;
  const links: Link[] = elsewhere ? [{ context: elsewhere.spanContext(), attributes: { 'newsroom.link': 'request' } }] : [];
  const parent = story ? trace.setSpanContext(here, story) : here;
  return tracer().startActiveSpan(step.name, { kind: step.kind ?? SpanKind.INTERNAL, attributes: step.attributes, links }, parent, async (span) => {
    // The request's server span (not the framework's handler span under it) is what a trace view lists the request by.
    if (elsewhere) (getRPCMetadata(here)?.span ?? elsewhere).addLink({ context: span.spanContext(), attributes: { 'newsroom.link': 'story' } });
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

function tracer() {
  return trace.getTracer('@newsroom/messaging');
}
