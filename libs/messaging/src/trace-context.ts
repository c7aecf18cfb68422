import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { trace } from '@opentelemetry/api';

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
  return { traceId: parent?.traceId ?? randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
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
