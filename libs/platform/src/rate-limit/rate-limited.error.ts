import { DomainError } from '@newsroom/contracts';

/** 429: the caller may try again after `retryAfterSeconds` (also sent as Retry-After). */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('REQUEST.RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s`, 'rate_limited', { retryAfterSeconds });
    this.name = 'RateLimitedError';
  }
}
