/**
 * Stops kafkajs 2.2.4 from spinning a 1 ms timer on every idle broker connection.
 *
 * Each kafkajs connection has a request queue that holds requests back while the broker
 * throttles the client. After every response the queue schedules its next check with
 * `setTimeout(check, throttledUntil - Date.now())`. When nothing is pending and nothing
 * throttles (`throttledUntil` is -1), that delay is negative: Node runs the timer after
 * 1 ms, the check finds nothing to do and schedules itself again. So every connection that
 * has had one response wakes its process about a thousand times a second for good.
 *
 * Measured on an idle `npm start`: each service process spent about 6 % of a core, with
 * about 1,550 event-loop turns a second and some 10 socket reads. The fault is upstream
 * (kafkajs issues 1556 and 1704, unreleased fixes in pull requests 1667 and 1768), and
 * kafkajs 2.2.4 is its last release.
 *
 * The replacement keeps the method's contract and drops only the loop. A request queued
 * while the connection is busy or throttled still gets a check: after the throttle ends, or
 * after 10 ms when the throttle has already ended (the upstream interval, which also covers
 * a throttle that ends between two reads of the clock). With nothing pending and no
 * throttle there is nothing to check: the next `push()` sends or schedules, and the next
 * response runs the check itself.
 */
/** The part of kafkajs's internal RequestQueue that the replacement reads and writes. */
interface RequestQueueInternals {
  pending: unknown[];
  /** Epoch ms until which the broker throttles this client; -1 when it never has. */
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's CHECK_PENDING_REQUESTS_INTERVAL (ms), a constant its module does not export. */
export const PENDING_REQUESTS_RECHECK_MS = 10;

/** The one kafkajs version this replacement was written against and checked with. */
const KAFKAJS_VERSION = '2.2.4';

/** Schedules a check of the pending requests only when there is something to wait for. */
function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId) return; // a check is already due; it reschedules if needed
  const untilUnthrottled = this.throttledUntil - Date.now();
  if (this.pending.length === 0 && untilUnthrottled <= 0) return;
  const delay = untilUnthrottled > 0 ? untilUnthrottled : PENDING_REQUESTS_RECHECK_MS;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

/**
 * Replaces the method on kafkajs's RequestQueue class in the module registry this file is
 * loaded in (each Jest suite has its own), once. Returns the class so that a test can check
 * it. Throws if kafkajs is not the version above: a newer kafkajs may have fixed the loop or
 * changed the queue, and whoever upgrades must look at this file again.
 */
export function stopIdleRequestQueueLoop(): { prototype: RequestQueueInternals } {
  // The module's own `require`, not createRequire: under Jest it is the suite's registry,
  // whose copy of kafkajs is the one the suite's clients use.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== KAFKAJS_VERSION) {
    throw new Error(`libs/messaging/src/kafkajs-request-queue.ts replaces a method of kafkajs ${KAFKAJS_VERSION}, but kafkajs ${version} is installed: check whether it still needs to`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueueInternals };
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  return RequestQueue;
}

stopIdleRequestQueueLoop();
