import type { Priority } from '@newsroom/contracts';
import type { QuietHours } from '../src/subscriptions/domain/quiet-hours';

/**
 * When an alert due at `at` may go to a recipient with these quiet hours: `expected` is
 * the end of their quiet hours (an ISO instant), or null for at once. Both holdUntil()
 * (quiet-hours.spec.ts) and the fan-out's SQL (recipient-selection.int-spec.ts) must give it.
 * DST in 2026: Kyiv 29 March 03:00 → 04:00 and 25 October 04:00 → 03:00; New York
 * 8 March 02:00 → 03:00 and 1 November 02:00 → 01:00.
 */
export interface QuietHoursCase {
  name: string;
  at: string;
  timeZone: string;
  quietHours: QuietHours | null;
  priority: Priority;
  expected: string | null;
}

const night = { start: '22:00', end: '07:00' };

export const QUIET_HOURS_CASES: QuietHoursCase[] = [
  { name: 'no quiet hours', at: '2026-06-10T00:00:00Z', timeZone: 'Europe/Kyiv', quietHours: null, priority: 'normal', expected: null },
  { name: 'Kyiv, before midnight, ends at 07:00 next morning', at: '2026-06-09T20:30:00Z', timeZone: 'Europe/Kyiv', quietHours: night, priority: 'normal', expected: '2026-06-10T04:00:00Z' },
  { name: 'Kyiv, after midnight, ends at 07:00 the same morning', at: '2026-06-10T00:00:00Z', timeZone: 'Europe/Kyiv', quietHours: night, priority: 'normal', expected: '2026-06-10T04:00:00Z' },
  { name: 'Kyiv, a breaking story goes at once', at: '2026-06-10T00:00:00Z', timeZone: 'Europe/Kyiv', quietHours: night, priority: 'breaking', expected: null },
  { name: 'Kyiv, in the day, at once', at: '2026-06-10T09:00:00Z', timeZone: 'Europe/Kyiv', quietHours: night, priority: 'normal', expected: null },
  { name: 'Kyiv, exactly at the start is quiet', at: '2026-06-10T19:00:00Z', timeZone: 'Europe/Kyiv', quietHours: night, priority: 'normal', expected: '2026-06-11T04:00:00Z' },
  { name: 'Kyiv, exactly at the end is not', at: '2026-06-10T04:00:00Z', timeZone: 'Europe/Kyiv', quietHours: night, priority: 'normal', expected: null },
  { name: 'Kyiv, the night clocks go forward (EET → EEST) still ends at 07:00', at: '2026-03-28T20:30:00Z', timeZone: 'Europe/Kyiv', quietHours: night, priority: 'normal', expected: '2026-03-29T04:00:00Z' },
  { name: 'Kyiv, the night clocks go back (EEST → EET) still ends at 07:00', at: '2026-10-24T20:00:00Z', timeZone: 'Europe/Kyiv', quietHours: night, priority: 'normal', expected: '2026-10-25T05:00:00Z' },
  { name: 'Kyiv, an end in the skipped hour is read with the offset before it', at: '2026-03-29T00:00:00Z', timeZone: 'Europe/Kyiv', quietHours: { start: '23:00', end: '03:30' }, priority: 'normal', expected: '2026-03-29T01:30:00Z' },
  { name: 'New York, the night clocks go forward (EST → EDT)', at: '2026-03-08T04:00:00Z', timeZone: 'America/New_York', quietHours: night, priority: 'normal', expected: '2026-03-08T11:00:00Z' },
  { name: 'New York, the night clocks go back (EDT → EST)', at: '2026-11-01T03:00:00Z', timeZone: 'America/New_York', quietHours: night, priority: 'normal', expected: '2026-11-01T12:00:00Z' },
  { name: 'New York, an end in the skipped hour (02:30) is 03:30 EDT', at: '2026-03-08T06:00:00Z', timeZone: 'America/New_York', quietHours: { start: '00:00', end: '02:30' }, priority: 'normal', expected: '2026-03-08T07:30:00Z' },
  { name: 'New York, an end in the repeated hour (01:30) is the later one, EST', at: '2026-11-01T04:30:00Z', timeZone: 'America/New_York', quietHours: { start: '00:00', end: '01:30' }, priority: 'normal', expected: '2026-11-01T06:30:00Z' },
  { name: 'a span within one day (13:00–15:00 UTC), inside', at: '2026-06-10T14:00:00Z', timeZone: 'UTC', quietHours: { start: '13:00', end: '15:00' }, priority: 'normal', expected: '2026-06-10T15:00:00Z' },
  { name: 'a span within one day, before it', at: '2026-06-10T12:59:59Z', timeZone: 'UTC', quietHours: { start: '13:00', end: '15:00' }, priority: 'normal', expected: null },
  { name: 'a span within one day, after it', at: '2026-06-10T15:00:00Z', timeZone: 'UTC', quietHours: { start: '13:00', end: '15:00' }, priority: 'normal', expected: null },
  { name: 'a zone east of the date line (Pacific/Auckland), across midnight', at: '2026-06-10T11:00:00Z', timeZone: 'Pacific/Auckland', quietHours: night, priority: 'normal', expected: '2026-06-10T19:00:00Z' },
];
