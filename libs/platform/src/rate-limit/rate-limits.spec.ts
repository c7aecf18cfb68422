import { parseRateLimits, type RateLimits } from './rate-limits';

const defaults: RateLimits = {
  'signup:client': { points: 10, durationSeconds: 3600 },
  'signup:target': { points: 3, durationSeconds: 3600 },
};

describe(parseRateLimits.name, () => {
  it('keeps the defaults when nothing is set', () => {
    expect(parseRateLimits('', defaults)).toEqual(defaults);
  });

  it('overrides the named limits, with durations in seconds, minutes or hours', () => {
    expect(parseRateLimits(' signup:client=2/30s , signup:target=1/2h', defaults)).toEqual({
      'signup:client': { points: 2, durationSeconds: 30 },
      'signup:target': { points: 1, durationSeconds: 7200 },
    });
    expect(parseRateLimits('signup:client=5/90', defaults)['signup:client']).toEqual({ points: 5, durationSeconds: 90 });
    expect(parseRateLimits('signup:client=0/1m', defaults)['signup:client']).toEqual({ points: 0, durationSeconds: 60 });
  });

  it.each([
    ['signup=2/1m', /is not name:client/],
    ['signup:client=2', /is not name:client/],
    ['signup:client=-1/1m', /is not name:client/],
    ['signup:client=2/1d', /is not name:client/],
    ['signup:client=2/0', /at least 1 second/],
    ['sigup:client=2/1m', /"sigup:client" is not a rate limit of this service \(it has signup:client, signup:target\)/],
  ])('refuses %j', (setting, problem) => {
    expect(() => parseRateLimits(setting, defaults)).toThrow(problem);
  });
});
