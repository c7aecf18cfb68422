import { DomainError } from '@newsroom/contracts';

/**
 * 429: the caller may try again after `retryAfterSeconds` (also sent as Retry-After, and in
 * `details`). The message is read by people on the subscriber pages too, so it gives the wait
 * in words ("in about 53 minutes"), not a count of seconds.
 */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('REQUEST.RATE_LIMITED', `Too many requests; please try again ${waitInWords(retryAfterSeconds)}`, 'rate_limited', { retryAfterSeconds });
    this.name = 'RateLimitedError';
  }
}

/** "in 40 seconds", "in about 2 minutes", "in about 1 hour", rounded up to what a person reads. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `in ${Math.max(1, Math.ceil(seconds))} second${Math.ceil(seconds) === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `in about ${hours} hour${hours === 1 ? '' : 's'}`;
}
