import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

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

export function runInTrace<T>(parentTraceparent: unknown, fn: () => T): T {
  return storage.run(childOf(parseTraceparent(parentTraceparent)), fn);
}

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

/** The traceparent to send with an outgoing message: a child span of the current one. */
export function outgoingTraceparent(): string {
  return formatTraceparent(childOf(currentTrace()));
}
