import { QUIET_HOURS_CASES } from '../../../test/quiet-hours-cases';
import { thrownCodeOf } from '../../../test/fixtures';
import { canonicalTimeZone, checkedQuietHours, holdUntil, wallClockOf, wallTimeToInstant } from './quiet-hours';

describe(holdUntil.name, () => {
  it.each(QUIET_HOURS_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(holdUntil(c.priority, new Date(c.at), c.timeZone, c.quietHours)?.toISOString() ?? null).toBe(c.expected && new Date(c.expected).toISOString());
  });

  it('lasts an hour less the night clocks go forward and an hour more when they go back', () => {
    const night = { start: '22:00', end: '07:00' };
    const length = (start: string) => {
      const at = new Date(start);
      return (holdUntil('normal', at, 'America/New_York', night)!.getTime() - at.getTime()) / 3_600_000;
    };
    // 22:00 local the evening before each change.
    expect(length('2026-03-08T03:00:00Z')).toBe(8);
    expect(length('2026-11-01T02:00:00Z')).toBe(10);
    expect(length('2026-06-10T02:00:00Z')).toBe(9);
  });
});

describe(wallTimeToInstant.name, () => {
  it('reads an ordinary time with the offset of the day', () => {
    expect(wallTimeToInstant('2026-01-15', '07:00', 'Europe/Kyiv').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(wallTimeToInstant('2026-07-15', '07:00', 'Europe/Kyiv').toISOString()).toBe('2026-07-15T04:00:00.000Z');
  });

  it('is the inverse of wallClockOf away from the changes', () => {
    const at = new Date('2026-04-02T17:45:00Z');
    const local = wallClockOf(at, 'America/New_York');
    expect(local).toEqual({ date: '2026-04-02', millisOfDay: (13 * 60 + 45) * 60_000 });
    expect(wallTimeToInstant(local.date, '13:45', 'America/New_York')).toEqual(at);
  });
});

describe(canonicalTimeZone.name, () => {
  it('takes IANA names as the browser reports them, in their canonical spelling', () => {
    expect(canonicalTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
    expect(canonicalTimeZone('europe/kiev')).toBe('Europe/Kiev');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
  });

  it('refuses anything else: SUBSCRIBER.UNKNOWN_TIME_ZONE', () => {
    for (const zone of ['Mars/Olympus_Mons', '+02:00', '', 'Europe/Kyiv; DROP TABLE', 'x'.repeat(65)]) {
      expect([zone, thrownCodeOf(() => canonicalTimeZone(zone))]).toEqual([zone, 'SUBSCRIBER.UNKNOWN_TIME_ZONE']);
    }
  });
});

describe(checkedQuietHours.name, () => {
  it('takes HH:MM on the 24-hour clock, across midnight or not', () => {
    expect(checkedQuietHours({ start: '22:00', end: '07:00' })).toEqual({ start: '22:00', end: '07:00' });
    expect(checkedQuietHours({ start: ' 13:00', end: '15:30 ' })).toEqual({ start: '13:00', end: '15:30' });
  });

  it('reads a time with zero seconds, as an HTML time field may send it, as that minute', () => {
    expect(checkedQuietHours({ start: '22:00:00', end: '07:30:00' })).toEqual({ start: '22:00', end: '07:30' });
  });

  it('refuses other shapes, a missing end and an empty span: SUBSCRIBER.INVALID_PREFERENCES', () => {
    for (const bad of [{ start: '24:00', end: '07:00' }, { start: '7:00', end: '08:00' }, { start: '22:00' }, { start: '10:00', end: '10:00' }, { start: 'late', end: 'early' }, { start: '22:00:30', end: '07:00' }, { start: '22:00:00.0', end: '07:00' }]) {
      expect([bad, thrownCodeOf(() => checkedQuietHours(bad))]).toEqual([bad, 'SUBSCRIBER.INVALID_PREFERENCES']);
    }
  });
});
