import { DEFAULT_DESTINATION_PAUSE_MS, MAX_DESTINATION_PAUSE_MS, pauseAfter, takeAllowance, windowStartOf } from './destination-limits';

describe('destination limits', () => {
  const perSecond = (count: number) => ({ count, periodSeconds: 1 });
  const at = (ms: number) => Date.UTC(2026, 10, 30, 12, 0, 0) + ms;

  describe(takeAllowance.name, () => {
    it('grants up to the rate in a window and holds the rest until the next window', () => {
      const first = takeAllowance(null, 30, perSecond(10), at(250));
      expect(first).toEqual({ granted: 10, window: { windowStart: at(0), used: 10, pausedUntil: null }, roomAt: at(1000) });

      const sameWindow = takeAllowance(first.window, 5, perSecond(10), at(900));
      expect(sameWindow.granted).toBe(0);
      expect(sameWindow.roomAt).toBe(at(1000));

      const next = takeAllowance(sameWindow.window, 20, perSecond(10), at(1001));
      expect(next).toEqual({ granted: 10, window: { windowStart: at(1000), used: 10, pausedUntil: null }, roomAt: at(2000) });
    });

    it('shares what is left of a window between claims, never more than the rate', () => {
      let window = null;
      let granted = 0;
      for (const asked of [3, 4, 5, 6]) {
        const taken = takeAllowance(window, asked, perSecond(10), at(100 + asked));
        granted += taken.granted;
        window = taken.window;
      }
      expect(granted).toBe(10);
      expect(window).toMatchObject({ used: 10 });
    });

    it('counts a claim whose clock read an earlier window in the newer one another claim opened', () => {
      const newer = takeAllowance(null, 8, perSecond(10), at(1_050));
      const late = takeAllowance(newer.window, 8, perSecond(10), at(990));
      expect(late.granted).toBe(2);
      expect(late.window.windowStart).toBe(at(1000));
    });

    it('grants nothing while paused, until the pause ends', () => {
      const paused = { windowStart: at(0), used: 0, pausedUntil: at(30_000) };
      expect(takeAllowance(paused, 4, perSecond(10), at(500))).toMatchObject({ granted: 0, roomAt: at(30_000) });
      expect(takeAllowance(paused, 4, null, at(500))).toMatchObject({ granted: 0, roomAt: at(30_000) });
      expect(takeAllowance(paused, 4, perSecond(10), at(30_001))).toMatchObject({ granted: 4, roomAt: null });
    });

    it('grants everything to a destination without a rate', () => {
      expect(takeAllowance(null, 500, null, at(0))).toMatchObject({ granted: 500, roomAt: null });
    });

    it('aligns windows of minutes and hours on the epoch', () => {
      expect(windowStartOf(Date.UTC(2026, 10, 30, 12, 34, 56, 789), 60)).toBe(Date.UTC(2026, 10, 30, 12, 34));
      expect(windowStartOf(Date.UTC(2026, 10, 30, 12, 34, 56, 789), 3600)).toBe(Date.UTC(2026, 10, 30, 12));
      const perMinute = takeAllowance(null, 100, { count: 60, periodSeconds: 60 }, Date.UTC(2026, 10, 30, 12, 34, 56));
      expect(perMinute).toMatchObject({ granted: 60, roomAt: Date.UTC(2026, 10, 30, 12, 35) });
    });
  });

  describe(pauseAfter.name, () => {
    const failure = (responseCode: number | null, retryAfterMs?: number) => ({ transient: true, responseCode, message: 'x', retryAfterMs });

    it('pauses a push service that answers 429 for its Retry-After, at most 10 minutes, else briefly', () => {
      expect(pauseAfter('push', failure(429, 120_000))).toBe(120_000);
      expect(pauseAfter('push', failure(429, 3_600_000))).toBe(MAX_DESTINATION_PAUSE_MS);
      expect(pauseAfter('push', failure(429))).toBe(DEFAULT_DESTINATION_PAUSE_MS);
    });

    it('pauses on 503 only when the push service says for how long', () => {
      expect(pauseAfter('push', failure(503, 30_000))).toBe(30_000);
      expect(pauseAfter('push', failure(503))).toBeUndefined();
      expect(pauseAfter('push', failure(500, 30_000))).toBeUndefined();
      expect(pauseAfter('push', failure(null))).toBeUndefined();
    });

    it("pauses the SMTP relay on its 'slow down' replies 421 and 451 only", () => {
      expect(pauseAfter('email', failure(421))).toBe(DEFAULT_DESTINATION_PAUSE_MS);
      expect(pauseAfter('email', failure(451))).toBe(DEFAULT_DESTINATION_PAUSE_MS);
      for (const code of [450, 452, 550, 429, null]) expect([code, pauseAfter('email', failure(code))]).toEqual([code, undefined]);
    });
  });
});
