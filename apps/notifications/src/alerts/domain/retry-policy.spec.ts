import { afterFailure, MAX_DELIVERY_ATTEMPTS, parseRetryAfter, RETRY_AFTER_CAP_MS, RETRY_MAX_DELAY_MS, retryDelayMs } from './retry-policy';

const now = new Date('2025-11-21T08:00:00Z');

describe('retryDelayMs', () => {
  it('doubles from 30 seconds', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('is capped', () => {
    expect(retryDelayMs(30)).toBe(RETRY_MAX_DELAY_MS);
  });

  it('spreads by at most 20 % with jitter', () => {
    expect(retryDelayMs(1, undefined, 1)).toBe(36_000);
    expect(retryDelayMs(1, undefined, 0.5)).toBe(33_000);
  });

  it('honours a longer Retry-After, within a cap', () => {
    expect(retryDelayMs(1, 120_000)).toBe(120_000);
    expect(retryDelayMs(3, 1_000)).toBe(120_000);
    expect(retryDelayMs(1, 10 * RETRY_AFTER_CAP_MS)).toBe(RETRY_AFTER_CAP_MS);
  });
});

describe('afterFailure', () => {
  it('retries transient failures later', () => {
    expect(afterFailure(1, true, now)).toEqual({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 30_000) });
  });

  it('gives up after the last attempt', () => {
    expect(afterFailure(MAX_DELIVERY_ATTEMPTS - 1, true, now).status).toBe('pending');
    expect(afterFailure(MAX_DELIVERY_ATTEMPTS, true, now)).toEqual({ status: 'failed' });
  });

  it('never retries permanent failures', () => {
    expect(afterFailure(1, false, now)).toEqual({ status: 'failed' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(['5'], now)).toBe(5_000);
    expect(parseRetryAfter(new Date(now.getTime() + 90_000).toUTCString(), now)).toBe(90_000);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
