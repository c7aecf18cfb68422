import { childOf, currentTrace, formatTraceparent, inStoryTrace, outgoingTraceparent, parseTraceparent, runInTrace, type TraceContext } from './trace-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;
const FORMAT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

describe(parseTraceparent.name, () => {
  it('reads the trace and span ids of a valid header', () => {
    expect(parseTraceparent(TRACEPARENT)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID });
  });

  it('accepts any flags and surrounding whitespace', () => {
    expect(parseTraceparent(` 00-${TRACE_ID}-${SPAN_ID}-00 `)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID });
  });

  it.each([
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['an all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['another version', `01-${TRACE_ID}-${SPAN_ID}-01`],
    ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`],
    ['a short trace id', `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`],
    ['a long span id', `00-${TRACE_ID}-${SPAN_ID}0-01`],
    ['no flags', `00-${TRACE_ID}-${SPAN_ID}`],
    ['extra fields', `${TRACEPARENT}-extra`],
    ['non-hex characters', `00-${TRACE_ID.slice(0, 31)}g-${SPAN_ID}-01`],
    ['an empty string', ''],
  ])('rejects %s', (_, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it.each([[undefined], [null], [42], [[TRACEPARENT]], [Buffer.from(TRACEPARENT)]])('rejects the non-string %p', (header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });
});

describe(formatTraceparent.name, () => {
  it('writes a version-00, sampled header that parses back', () => {
    const context = { traceId: TRACE_ID, spanId: SPAN_ID };
    expect(formatTraceparent(context)).toBe(TRACEPARENT);
    expect(parseTraceparent(formatTraceparent(context))).toEqual(context);
  });
});

describe(childOf.name, () => {
  const parent: TraceContext = { traceId: TRACE_ID, spanId: SPAN_ID };

  it('keeps the trace id and makes a new span id', () => {
    const child = childOf(parent);
    expect(child.traceId).toBe(TRACE_ID);
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe(SPAN_ID);
  });

  it('makes a different span each time', () => {
    expect(childOf(parent).spanId).not.toBe(childOf(parent).spanId);
  });

  it('starts a new trace without a parent', () => {
    const first = childOf();
    const second = childOf(undefined);
    expect(first.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(first.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(second.traceId).not.toBe(first.traceId);
    expect(parseTraceparent(formatTraceparent(first))).toEqual(first);
  });
});

describe(runInTrace.name, () => {
  it('has no current trace outside', () => {
    expect(currentTrace()).toBeUndefined();
  });

  it('runs in a child span of the incoming trace and returns the result', () => {
    const seen = runInTrace(TRACEPARENT, () => currentTrace());
    expect(seen?.traceId).toBe(TRACE_ID);
    expect(seen?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(seen?.spanId).not.toBe(SPAN_ID);
    expect(currentTrace()).toBeUndefined();
  });

  it('starts a new trace when the incoming header is missing or invalid', () => {
    for (const header of [undefined, 'garbage', `00-${'0'.repeat(32)}-${SPAN_ID}-01`]) {
      const seen = runInTrace(header, () => currentTrace());
      expect(seen?.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(seen?.traceId).not.toBe('0'.repeat(32));
    }
  });

  it('keeps the trace across awaits', async () => {
    const seen = await runInTrace(TRACEPARENT, async () => {
      const before = currentTrace();
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { before, after: currentTrace() };
    });
    expect(seen.after).toEqual(seen.before);
    expect(seen.after?.traceId).toBe(TRACE_ID);
  });

  it('keeps concurrent traces apart', async () => {
    const other = `00-${'a'.repeat(32)}-${SPAN_ID}-01`;
    const traceAfterAwait = (header: string) =>
      runInTrace(header, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return currentTrace()?.traceId;
      });
    await expect(Promise.all([traceAfterAwait(TRACEPARENT), traceAfterAwait(other)])).resolves.toEqual([TRACE_ID, 'a'.repeat(32)]);
  });

  it('gives a nested call a child span of the outer one', () => {
    runInTrace(TRACEPARENT, () => {
      const outer = currentTrace()!;
      const inner = runInTrace(formatTraceparent(outer), () => currentTrace()!);
      expect(inner.traceId).toBe(outer.traceId);
      expect(inner.spanId).not.toBe(outer.spanId);
      expect(currentTrace()).toBe(outer);
    });
  });
});

describe(outgoingTraceparent.name, () => {
  it('continues the current trace with a new span', () => {
    runInTrace(TRACEPARENT, () => {
      const current = currentTrace()!;
      const outgoing = parseTraceparent(outgoingTraceparent());
      expect(outgoing?.traceId).toBe(TRACE_ID);
      expect(outgoing?.spanId).not.toBe(current.spanId);
      expect(outgoingTraceparent()).toMatch(FORMAT);
    });
  });

  it('starts a new trace outside any trace', () => {
    const first = outgoingTraceparent();
    const second = outgoingTraceparent();
    expect(first).toMatch(FORMAT);
    expect(parseTraceparent(first)?.traceId).not.toBe(parseTraceparent(second)?.traceId);
  });
});

describe(`${inStoryTrace.name} with tracing off`, () => {
  it('gives the step’s logs the stored story’s trace id, whatever trace runs it', async () => {
    const seen = await runInTrace(`00-${'a'.repeat(32)}-${SPAN_ID}-01`, () => inStoryTrace(TRACEPARENT, { name: 'review decision' }, () => Promise.resolve(currentTrace())));
    expect(seen?.traceId).toBe(TRACE_ID);
    expect(seen?.spanId).not.toBe(SPAN_ID);
  });

  it('stays in the current trace without a stored context', async () => {
    const seen = await runInTrace(TRACEPARENT, () => inStoryTrace(null, { name: 'send email' }, () => Promise.resolve(currentTrace())));
    expect(seen?.traceId).toBe(TRACE_ID);
  });
});
