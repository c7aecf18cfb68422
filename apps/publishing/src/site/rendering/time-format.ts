import type { Dateline } from '@newsroom/contracts';

const UI_LOCALE = 'en';

/**
 * "Kyiv, November 21 –": the place, then the month name and day of the dateline's date in the
 * article's language. The date has no time or zone, so it is read as a calendar day (UTC) and
 * never shifts by a day on a server in another time zone.
 */
export function formatDateline(dateline: Dateline, language = UI_LOCALE): string {
  const [year, month, day] = dateline.date.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return `${dateline.place}, ${monthAndDay(date, language)} –`;
}

function monthAndDay(date: Date, language: string): string {
  const options: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(language, options).format(date);
  } catch {
    return new Intl.DateTimeFormat(UI_LOCALE, options).format(date);
  }
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "3 hours ago", "1 day ago", "in 5 minutes": the largest whole unit, rounded down, so a
 * story is never described as older than it is. Under a minute either way reads "just now".
 */
export function formatRelativeTime(at: Date, now: Date): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  const magnitude = Math.abs(seconds);
  const format = new Intl.RelativeTimeFormat(UI_LOCALE, { numeric: 'always' });
  for (const [unit, size] of UNITS) {
    if (magnitude >= size) return format.format(Math.sign(seconds) * Math.floor(magnitude / size), unit);
  }
  return 'just now';
}

/** "21 November 2025, 08:30 UTC": pages state the zone rather than guess the reader's. */
export function formatAbsoluteTime(at: Date): string {
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(at);
  return `${date}, ${time} UTC`;
}

/** "21 November 2025", for teasers where the time of day adds nothing. */
export function formatShortDate(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at);
}
