import { RateLimitedError, waitInWords } from './rate-limited.error';

describe(waitInWords.name, () => {
  it.each([
    [0.2, 'in 1 second'],
    [1, 'in 1 second'],
    [40, 'in 40 seconds'],
    [60, 'in about 1 minute'],
    [61, 'in about 2 minutes'],
    [3129, 'in about 53 minutes'],
    [3600, 'in about 1 hour'],
    [5400, 'in about 2 hours'],
  ])('%s s reads "%s"', (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });
});

describe(RateLimitedError.name, () => {
  it('tells people when to come back in words and machines in seconds', () => {
    const error = new RateLimitedError(3129);
    expect(error).toMatchObject({ code: 'REQUEST.RATE_LIMITED', kind: 'rate_limited', details: { retryAfterSeconds: 3129 } });
    expect(error.message).toBe('Too many requests; please try again in about 53 minutes');
  });
});
