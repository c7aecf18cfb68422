import type { DeliveryRate } from '../../config/delivery-rate-limits';
import type { Channel } from './delivery-status';
import type { SendFailure } from './send-failure';

/** A destination's "slow down" pause is honoured up to this (a longer Retry-After is cut to it). */
export const MAX_DESTINATION_PAUSE_MS = 10 * 60_000;
/** The pause after a "slow down" that does not say for how long (a 429 without Retry-After, SMTP 421/451). */
export const DEFAULT_DESTINATION_PAUSE_MS = 5_000;

/**
 * A destination's allowance as stored in `delivery_destinations`: sends taken in the window
 * starting at `windowStart` (epoch ms, aligned on the rate's period), and the end of a pause
 * a push service or the SMTP relay asked for (epoch ms; null for none).
 */
export interface DestinationWindow {
  windowStart: number | null;
  used: number;
  pausedUntil: number | null;
}

/** What one claim round takes from a destination: `granted` of the `asked`; the rest wait until `roomAt` (epoch ms). */
export interface Allowance {
  granted: number;
  window: DestinationWindow;
  /** When the destination has room again; null when nothing was held back. */
  roomAt: number | null;
}

/** The start (epoch ms) of the rate window holding `at`: windows are aligned on the epoch, `periodSeconds` long. */
export function windowStartOf(at: number, periodSeconds: number): number {
  const period = periodSeconds * 1000;
  return Math.floor(at / period) * period;
}

/**
 * The allowance arithmetic, the rule DeliveryRepository.claimLaneWithin applies in SQL for a
 * whole claim round in one statement: a paused destination grants nothing; with no rate
 * (`null`) everything asked is granted; otherwise at most `rate.count` sends start per window,
 * what is left of the current window is granted and the rest waits for the next window (or the
 * pause's end). `asked`, `granted` and `used` are deliveries; times are epoch ms.
 */
export function takeAllowance(state: DestinationWindow | null, asked: number, rate: DeliveryRate | null, now: number): Allowance {
  const current = state ?? { windowStart: null, used: 0, pausedUntil: null };
  if (current.pausedUntil !== null && current.pausedUntil > now) {
    return { granted: 0, window: current, roomAt: asked > 0 ? current.pausedUntil : null };
  }
  if (rate === null) return { granted: asked, window: { windowStart: null, used: 0, pausedUntil: current.pausedUntil }, roomAt: null };
  const windowStart = windowStartOf(now, rate.periodSeconds);
  // A window another worker already moved past ours (its clock read later) is the one to count in.
  const sameWindow = current.windowStart !== null && current.windowStart >= windowStart;
  const start = sameWindow ? (current.windowStart as number) : windowStart;
  const usedBefore = sameWindow ? current.used : 0;
  const granted = Math.max(0, Math.min(asked, rate.count - usedBefore));
  return {
    granted,
    window: { windowStart: start, used: usedBefore + granted, pausedUntil: current.pausedUntil },
    roomAt: granted < asked ? start + rate.periodSeconds * 1000 : null,
  };
}

/**
 * How long a destination is paused for every worker after this failure, in ms; undefined when
 * the failure does not ask us to slow down. A push service's 429 (with or without Retry-After)
 * and 503 with Retry-After, and the SMTP relay's 421 / 451 (the replies relays use to say
 * "too many, try later"), bounded by MAX_DESTINATION_PAUSE_MS. The delivery that got the answer
 * is retried by the retry policy as before; the pause only holds back the ones not yet sent.
 */
export function pauseAfter(channel: Channel, failure: SendFailure): number | undefined {
  const { responseCode, retryAfterMs } = failure;
  const asked = retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : undefined;
  const bounded = (ms: number) => Math.min(MAX_DESTINATION_PAUSE_MS, ms);
  if (channel === 'push') {
    if (responseCode === 429) return bounded(asked ?? DEFAULT_DESTINATION_PAUSE_MS);
    if (responseCode === 503 && asked !== undefined) return bounded(asked);
    return undefined;
  }
  if (responseCode === 421 || responseCode === 451) return DEFAULT_DESTINATION_PAUSE_MS;
  return undefined;
}
