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
  return `${dateline.place}${commaOf(language)} ${monthAndDay(date, language)} –`;
}

/** Arabic-script languages write the Arabic comma; the others here the Latin one. */
const COMMAS: Record<string, string> = { ar: '،', fa: '،', ur: '،', ps: '،', ckb: '،' };

function commaOf(language: string): string {
  return COMMAS[language.toLowerCase().split('-')[0]] ?? ',';
}

function monthAndDay(date: Date, language: string): string {
  return dateFormat('month-day', language, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * Building an `Intl` formatter costs far more than formatting with one (it loads the locale's
 * data), and every page and API view formats several dates: formatters are kept per kind,
 * language and zone. The languages are the articles' and the site's, so the set is small; it
 * is emptied if it ever grows past `MAX_FORMATTERS` rather than grow without bound. A language
 * `Intl` refuses (RangeError) is formatted in the interface language, remembered as such.
 */
const MAX_FORMATTERS = 256;
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function remembered<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, build: (language: string) => F, language: string): F {
  const known = formatters.get(key);
  if (known) return known as F;
  let made: F;
  try {
    made = build(language);
  } catch {
    made = build(UI_LOCALE);
  }
  if (formatters.size >= MAX_FORMATTERS) formatters.clear();
  formatters.set(key, made);
  return made;
}

/** The `Intl.DateTimeFormat` of `kind` (one fixed set of `options` per kind) for a language and the zone in `options`. */
function dateFormat(kind: string, language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return remembered(`${kind}|${language}|${options.timeZone ?? ''}`, (lang) => new Intl.DateTimeFormat(lang, options), language);
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** The language and time zone readers are shown times in: the site's settings. */
export interface TimeLocale {
  language: string;
  timeZone: string;
}

export const DEFAULT_TIME_LOCALE: TimeLocale = { language: UI_LOCALE, timeZone: 'UTC' };

/** The date formats of each interface language: British-style English, Ukrainian. */
const DATE_LOCALES: Record<string, string> = { en: 'en-GB', uk: 'uk' };

/**
 * "3 hours ago", "1 day ago", "in 5 minutes" — "3 години тому" in Ukrainian: the largest whole
 * unit, rounded down, so a story is never described as older than it is, in the interface
 * language (Intl.RelativeTimeFormat). Under a minute either way reads "just now" ("щойно").
 */
export function formatRelativeTime(at: Date, now: Date, language = UI_LOCALE): string {
  const seconds = Math.round((at.getTime() - now.getTime()) / 1000);
  const magnitude = Math.abs(seconds);
  const format = remembered(`relative|${language}`, (lang) => new Intl.RelativeTimeFormat(lang, { numeric: 'always' }), language);
  for (const [unit, size] of UNITS) {
    if (magnitude >= size) return format.format(Math.sign(seconds) * Math.floor(magnitude / size), unit);
  }
  return JUST_NOW[language] ?? JUST_NOW[UI_LOCALE];
}

const JUST_NOW: Record<string, string> = { en: 'just now', uk: 'щойно' };

/**
 * "21 November 2025, 08:30 UTC"; in a Kyiv newsroom "21 листопада 2025 р., 10:30 EET": the
 * date and time in the site's zone and language, with the zone's name, so a reader never has
 * to guess which clock is meant.
 */
export function formatAbsoluteTime(at: Date, locale: TimeLocale = DEFAULT_TIME_LOCALE): string {
  const language = DATE_LOCALES[locale.language] ?? locale.language;
  const date = dateFormat('date', language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: locale.timeZone }).format(at);
  const time = dateFormat('time', language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: locale.timeZone }).format(at);
  return `${date}, ${time} ${zoneName(at, locale)}`;
}

/** "21 November 2025" in the site's zone, for teasers where the time of day adds nothing. */
export function formatShortDate(at: Date, locale: TimeLocale = DEFAULT_TIME_LOCALE): string {
  const language = DATE_LOCALES[locale.language] ?? locale.language;
  return dateFormat('date', language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: locale.timeZone }).format(at);
}

/** "Monday, 21 November 2025" in the site's zone and language, for the masthead. */
export function formatLongDate(at: Date, locale: TimeLocale = DEFAULT_TIME_LOCALE): string {
  const language = DATE_LOCALES[locale.language] ?? locale.language;
  return dateFormat('long-date', language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: locale.timeZone }).format(at);
}

/** The zone as readers know it at that instant: "UTC", "EET"/"EEST" for Kyiv, else "GMT+2". */
function zoneName(at: Date, locale: TimeLocale): string {
  if (locale.timeZone === 'UTC' || locale.timeZone === 'Etc/UTC') return 'UTC';
  const parts = dateFormat('zone-name', 'en-GB', { timeZone: locale.timeZone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? locale.timeZone;
}
