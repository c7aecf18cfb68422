import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { formatTraceparent, inStoryTrace, outgoingTraceparent } from './trace-context';

// Tracing on, as NodeSDK sets it up in a service (global propagator, context manager, provider).
// Spans are collected as they end (no exporter in between: nothing to flush).
const ended: ReadableSpan[] = [];
const provider = new TracerProvider({
  spanProcessors: [{ onStart: () => undefined, onEnd: (span: ReadableSpan) => void ended.push(span), forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() }],
});
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
});
beforeEach(() => ended.splice(0));

const finished = (name: string) => ended.find((span) => span.name === name)!;

describe(inStoryTrace.name, () => {
  /** A story's earlier step, as a consumer stored it: its span's traceparent. */
  function storedStory(): string {
    return trace.getTracer('test').startActiveSpan('process submitted', (span) => {
      span.end();
      return outgoingTraceparent();
    });
  }

  it('runs the step under the stored context and links it both ways with the request that runs it', async () => {
    const story = storedStory();
    const request = trace.getTracer('test').startSpan('POST /approve', { kind: SpanKind.SERVER });
    const inside = await context.with(trace.setSpan(context.active(), request), () =>
      inStoryTrace(story, { name: 'review decision', attributes: { 'newsroom.article.id': 'a1' } }, async (span) => {
        span.setAttributes({ 'newsroom.review.decision': 'approved' });
        return outgoingTraceparent();
      }),
    );
    request.end();

    const step = finished('review decision');
    const submitted = finished('process submitted');
    expect(step.spanContext().traceId).toBe(submitted.spanContext().traceId);
    expect(step.parentSpanContext?.spanId).toBe(submitted.spanContext().spanId);
    expect(step.attributes).toEqual({ 'newsroom.article.id': 'a1', 'newsroom.review.decision': 'approved' });
    // What the step records (an outbox event) continues the story, not the request.
    expect(inside).toBe(formatTraceparent({ traceId: step.spanContext().traceId, spanId: step.spanContext().spanId }));
    expect(step.links.map((link) => link.context.spanId)).toEqual([request.spanContext().spanId]);
    const requestSpan = finished('POST /approve');
    expect(requestSpan.spanContext().traceId).not.toBe(step.spanContext().traceId);
    expect(requestSpan.links.map((link) => link.context.spanId)).toEqual([step.spanContext().spanId]);
  });

  it('is a plain child of the current span when no context was stored', async () => {
    await trace.getTracer('test').startActiveSpan('loop', async (loop) => {
      await inStoryTrace(null, { name: 'send push', kind: SpanKind.CLIENT }, () => Promise.resolve());
      loop.end();
    });
    const send = finished('send push');
    expect(send.kind).toBe(SpanKind.CLIENT);
    expect(send.parentSpanContext?.spanId).toBe(finished('loop').spanContext().spanId);
    expect(send.links).toEqual([]);
  });

  it('records a failure on the span and rethrows it unchanged', async () => {
    const failure = new Error('REVIEW.NOT_ASSIGNED');
    await expect(inStoryTrace(storedStory(), { name: 'review decision' }, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(finished('review decision').status).toMatchObject({ code: 2, message: 'REVIEW.NOT_ASSIGNED' });
  });
});
