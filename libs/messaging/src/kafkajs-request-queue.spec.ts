import { PENDING_REQUESTS_RECHECK_MS, stopIdleRequestQueueLoop } from './kafkajs-request-queue';

/** What these tests use of kafkajs's internal RequestQueue. */
interface RequestQueue {
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  push(request: { entry: RequestEntry; expectResponse: boolean; sendRequest(): void }): void;
  maybeThrottle(clientSideThrottleTime: number): void;
  checkPendingRequests(): void;
  destroy(): void;
}
interface RequestEntry {
  correlationId: number;
  apiKey: number;
  apiName: string;
  apiVersion: number;
  resolve(response: unknown): void;
  reject(error: unknown): void;
}
type RequestQueueClass = new (options: Record<string, unknown>) => RequestQueue;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const newQueue = (Queue: RequestQueueClass, maxInFlightRequests: number | null = null) =>
  new Queue({ maxInFlightRequests, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'spec', broker: '127.0.0.1:9092', logger: silent });
let correlationId = 0;
/** A request that needs no answer: the queue counts it as done once sent. */
const oneWay = (sendRequest: () => void) => ({
  entry: { correlationId: ++correlationId, apiKey: 0, apiName: 'Produce', apiVersion: 7, resolve: () => undefined, reject: () => undefined },
  expectResponse: false,
  sendRequest,
});
const queues: RequestQueue[] = [];

describe('kafkajs request queue without the idle loop', () => {
  const Fixed = stopIdleRequestQueueLoop() as unknown as RequestQueueClass;
  const queue = (maxInFlightRequests?: number | null) => {
    const created = newQueue(Fixed, maxInFlightRequests);
    queues.push(created);
    return created;
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    for (const created of queues.splice(0)) created.destroy();
    jest.useRealTimers();
  });

  it('as kafkajs ships it, schedules a check a millisecond later with nothing pending, for good', () => {
    let Shipped: RequestQueueClass | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Shipped = require('kafkajs/src/network/requestQueue/index.js') as RequestQueueClass;
    });
    const shipped = newQueue(Shipped as RequestQueueClass);
    queues.push(shipped);
    const checks = jest.spyOn(shipped, 'checkPendingRequests');
    shipped.checkPendingRequests(); // what every response runs
    jest.advanceTimersByTime(50);
    // One check per millisecond with no request anywhere: the loop this module removes.
    expect(checks.mock.calls.length).toBeGreaterThanOrEqual(40);
    expect(shipped.pending).toHaveLength(0);
  });

  it('schedules nothing after a response when no request is pending and nothing throttles', () => {
    const fixed = queue();
    const checks = jest.spyOn(fixed, 'checkPendingRequests');
    fixed.checkPendingRequests();
    jest.advanceTimersByTime(1000);
    expect(checks).toHaveBeenCalledTimes(1);
    expect(fixed.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sends a request at once when nothing holds it back', () => {
    const sent = jest.fn();
    queue().push(oneWay(sent));
    expect(sent).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('holds a request while the broker throttles the client and sends it when the throttle ends', () => {
    const fixed = queue();
    const sent = jest.fn();
    fixed.maybeThrottle(200);
    fixed.push(oneWay(sent));
    jest.advanceTimersByTime(199);
    expect(sent).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(fixed.pending).toHaveLength(0);
    // Sent and nothing left: no further check.
    jest.advanceTimersByTime(1000);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('checks a request held back by a full connection again every few milliseconds, as kafkajs does', () => {
    const fixed = queue(1);
    const first = jest.fn();
    const second = jest.fn();
    // The first needs an answer, so it stays in flight and fills the connection.
    fixed.push({ ...oneWay(first), expectResponse: true });
    fixed.push(oneWay(second));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    expect(fixed.pending).toHaveLength(1);
    const checks = jest.spyOn(fixed, 'checkPendingRequests');
    jest.advanceTimersByTime(PENDING_REQUESTS_RECHECK_MS * 3);
    expect(checks).toHaveBeenCalledTimes(3);
    expect(second).not.toHaveBeenCalled();
  });
});
