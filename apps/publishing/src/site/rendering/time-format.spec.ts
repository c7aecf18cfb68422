import { formatAbsoluteTime, formatDateline, formatRelativeTime, formatShortDate } from './time-format';

describe('formatDateline', () => {
  it('writes the place, the month name and the day, then a dash', () => {
    expect(formatDateline({ place: 'Kyiv', date: '2025-11-21' })).toBe('Kyiv, November 21 –');
  });

  it('reads the date as a calendar day, whatever the time zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Honolulu';
    try {
      expect(formatDateline({ place: 'Auckland', date: '2025-01-01' })).toBe('Auckland, January 1 –');
    } finally {
      process.env.TZ = zone;
    }
  });

  it("uses the article's language", () => {
    expect(formatDateline({ place: 'Київ', date: '2025-11-21' }, 'uk')).toBe('Київ, 21 листопада –');
    expect(formatDateline({ place: 'London', date: '2025-03-02' }, 'en-GB')).toBe('London, 2 March –');
  });

  it('falls back to English for a language Intl does not know', () => {
    expect(formatDateline({ place: 'Somewhere', date: '2025-11-21' }, 'qqq')).toMatch(/November 21/);
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2025-11-22T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it.each([
    [10, 'just now'],
    [59, 'just now'],
    [60, '1 minute ago'],
    [45 * 60, '45 minutes ago'],
    [3600, '1 hour ago'],
    [3 * 3600 + 59 * 60, '3 hours ago'],
    [24 * 3600, '1 day ago'],
    [36 * 3600, '1 day ago'],
    [6 * 24 * 3600, '6 days ago'],
    [7 * 24 * 3600, '1 week ago'],
    [45 * 24 * 3600, '1 month ago'],
    [400 * 24 * 3600, '1 year ago'],
  ])('%i seconds before reads "%s"', (seconds, expected) => {
    expect(formatRelativeTime(ago(seconds), now)).toBe(expected);
  });

  it('describes the future too', () => {
    expect(formatRelativeTime(new Date(now.getTime() + 5 * 60_000), now)).toBe('in 5 minutes');
  });
});

describe('formatAbsoluteTime', () => {
  it('states the date and time in UTC', () => {
    expect(formatAbsoluteTime(new Date('2025-11-21T08:30:00+02:00'))).toBe('21 November 2025, 06:30 UTC');
    expect(formatAbsoluteTime(new Date('2025-11-21T00:05:00Z'))).toBe('21 November 2025, 00:05 UTC');
  });

  it('has a short form without the time', () => {
    expect(formatShortDate(new Date('2025-11-21T23:59:00Z'))).toBe('21 November 2025');
  });
});

describe('times in the site’s language and zone', () => {
  const kyiv = { language: 'uk', timeZone: 'Europe/Kyiv' };

  it('shows a Kyiv newsroom’s readers local time with the zone of that date (EET in winter, EEST in summer)', () => {
    expect(formatAbsoluteTime(new Date('2025-11-21T08:30:00Z'), kyiv)).toBe('21 листопада 2025 р., 10:30 EET');
    expect(formatAbsoluteTime(new Date('2025-07-21T08:30:00Z'), { language: 'en', timeZone: 'Europe/Kyiv' })).toBe('21 July 2025, 11:30 EEST');
  });

  it('puts the date on the local calendar day', () => {
    expect(formatShortDate(new Date('2025-11-21T23:30:00Z'), { language: 'en', timeZone: 'Europe/Kyiv' })).toBe('22 November 2025');
  });

  it('says relative times in Ukrainian', () => {
    const now = new Date('2025-11-22T12:00:00Z');
    expect(formatRelativeTime(new Date(now.getTime() - 3 * 3600_000), now, 'uk')).toBe('3 години тому');
    expect(formatRelativeTime(new Date(now.getTime() - 5 * 60_000), now, 'uk')).toBe('5 хвилин тому');
    expect(formatRelativeTime(now, now, 'uk')).toBe('щойно');
  });
});

describe('formatters kept between calls', () => {
  const at = new Date('2025-11-21T23:30:00Z');

  it('keeps each language and zone apart when calls alternate', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(formatShortDate(at, { language: 'en', timeZone: 'Europe/Kyiv' })).toBe('22 November 2025');
      expect(formatShortDate(at, { language: 'en', timeZone: 'America/New_York' })).toBe('21 November 2025');
      expect(formatShortDate(at, { language: 'uk', timeZone: 'UTC' })).toBe('21 листопада 2025 р.');
      expect(formatAbsoluteTime(at, { language: 'en', timeZone: 'Europe/Kyiv' })).toBe('22 November 2025, 01:30 EET');
      expect(formatRelativeTime(new Date(at.getTime() - 120_000), at, round % 2 ? 'uk' : 'en')).toBe(round % 2 ? '2 хвилини тому' : '2 minutes ago');
    }
  });

  it('formats in English, every time, for a language tag Intl refuses', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(formatDateline({ place: 'Somewhere', date: '2025-11-21' }, 'not a tag!')).toBe('Somewhere, November 21 –');
      expect(formatShortDate(at, { language: 'not a tag!', timeZone: 'UTC' })).toBe('November 21, 2025');
      expect(formatRelativeTime(new Date(at.getTime() - 120_000), at, 'not a tag!')).toBe('2 minutes ago');
    }
  });
});
