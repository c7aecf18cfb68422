/** Attempts per delivery, the first included. */
export const MAX_DELIVERY_ATTEMPTS = 5;
export const RETRY_BASE_DELAY_MS = 30_000;
export const RETRY_MAX_DELAY_MS = 30 * 60_000;
/**
 * Re-sends of one delivery after an attempt whose outcome is unknown (its
 * worker died while sending). Each carries the delivery's own Message-ID / the
 * story's Topic, so a copy that did arrive is collapsed; the bound stops an
 * alert that itself crashes the worker from being tried forever. Re-sends also
 * count towards MAX_DELIVERY_ATTEMPTS.
 */
export const MAX_RESENDS_AFTER_UNKNOWN = 3;
/** A push service's Retry-After is honoured up to this. */
export const RETRY_AFTER_CAP_MS = 60 * 60_000;

/**
 * Delay before the next attempt after `attempt` failed transiently: 30 s, 1 min,
 * 2 min, 4 min... capped at 30 min, never sooner than a Retry-After the remote
 * side asked for. `jitter` (0..1) spreads retries of many deliveries that failed
 * together by up to +20 %.
 */
export function retryDelayMs(attempt: number, retryAfterMs?: number, jitter = 0): number {
  const exponential = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  const spread = Math.round(exponential * 0.2 * Math.min(1, Math.max(0, jitter)));
  const base = exponential + spread;
  return retryAfterMs && retryAfterMs > 0 ? Math.min(RETRY_AFTER_CAP_MS, Math.max(base, retryAfterMs)) : base;
}

export type NextStep = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** What happens to a delivery whose attempt number `attempt` failed. */
export function afterFailure(attempt: number, transient: boolean, now: Date, retryAfterMs?: number, jitter = 0): NextStep {
  if (!transient || attempt >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt, retryAfterMs, jitter)) };
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: Date): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
