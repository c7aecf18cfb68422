import { CLOCK_TIME, isTimeZone } from '@newsroom/config';
import type { Priority } from '@newsroom/contracts';
import { invalidPreferences, unknownTimeZone } from './subscription.errors';

/**
 * A span of the recipient's day without alerts, in their own wall-clock time: `HH:MM`
 * (24-hour), from `start` (inclusive) to `end` (exclusive). `start` after `end` crosses
 * midnight (22:00–07:00 is the night); `start` equal to `end` is refused (it would mean
 * either nothing or the whole day).
 */
export interface QuietHours {
  start: string;
  end: string;
}

/** The zone of a recipient who never said: UTC, so nothing shifts with anyone's DST. */
export const DEFAULT_TIME_ZONE = 'UTC';


/**
 * An IANA time zone name as the recipient's browser reports it
 * (`Intl.DateTimeFormat().resolvedOptions().timeZone`, e.g. `Europe/Kyiv`), checked with
 * the runtime's own tz database (ECMA-402: an unknown zone is a RangeError). Kept as the
 * reader wrote it — `Europe/Kyiv` stays `Europe/Kyiv`, though ICU's canonical name is
 * still `Europe/Kiev` — with the capitals of the zone list when it is on it. PostgreSQL's
 * `AT TIME ZONE` reads the same IANA database (and a CHECK on the column refuses a name
 * it does not know). Errors: SUBSCRIBER.UNKNOWN_TIME_ZONE.
 */
export function canonicalTimeZone(zone: string): string {
  const trimmed = zone.trim();
  if (!isTimeZone(trimmed)) throw unknownTimeZone(zone);
  return zoneList().get(trimmed.toLowerCase()) ?? trimmed;
}

let zones: Map<string, string> | undefined;

/** The runtime's zone names by their lower-case spelling. */
function zoneList(): Map<string, string> {
  zones ??= new Map(['UTC', ...Intl.supportedValuesOf('timeZone')].map((name) => [name.toLowerCase(), name]));
  return zones;
}

/**
 * `{ start: '22:00', end: '07:00' }` checked; errors: SUBSCRIBER.INVALID_PREFERENCES. A time with
 * zero seconds (`22:00:00`, as an HTML time field submits a value that has seconds) is that
 * minute; any other seconds are refused, as quiet hours go by the minute.
 */
export function checkedQuietHours(input: { start?: unknown; end?: unknown }): QuietHours {
  const start = wholeMinute(String(input.start ?? '').trim());
  const end = wholeMinute(String(input.end ?? '').trim());
  if (!CLOCK_TIME.test(start) || !CLOCK_TIME.test(end)) {
    throw invalidPreferences('quietHours needs a start and an end as HH:MM on the 24-hour clock, e.g. { "start": "22:00", "end": "07:00" }', 'quietHours');
  }
  if (start === end) throw invalidPreferences('quietHours must start and end at different times', 'quietHours');
  return { start, end };
}

function wholeMinute(clock: string): string {
  return clock.replace(/^(\d{2}:\d{2}):00$/, '$1');
}

/**
 * When an alert about a story of `priority`, due at `at`, may go to a recipient with these
 * quiet hours in `timeZone`: null to send at once (no quiet hours, a breaking story, or `at`
 * outside them), otherwise the instant their quiet hours end in that zone.
 *
 * The end is the next `end` wall-clock time in the zone (today's when it is still ahead,
 * otherwise tomorrow's), so a night of 22:00–07:00 over a DST change lasts an hour more or
 * less but still ends at 07:00. A wall time that does not exist that day (a spring-forward
 * gap) or exists twice (fall-back) is read as PostgreSQL reads it (wallTimeToInstant), for
 * the fan-out computes the same hold in SQL (alerts/persistence/recipient-selection.ts;
 * quiet-hours.int-spec.ts runs one table of cases through both).
 */
export function holdUntil(priority: Priority, at: Date, timeZone: string, quietHours: QuietHours | null): Date | null {
  if (priority === 'breaking' || quietHours === null) return null;
  return quietHoursEnd(at, timeZone, quietHours);
}

/** The instant quiet hours end when `at` falls inside them, else null (see holdUntil). */
export function quietHoursEnd(at: Date, timeZone: string, quietHours: QuietHours): Date | null {
  const local = wallClockOf(at, timeZone);
  const now = local.millisOfDay;
  const start = millisOfClock(quietHours.start);
  const end = millisOfClock(quietHours.end);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const day = now < end ? local.date : addDays(local.date, 1);
  return wallTimeToInstant(day, quietHours.end, timeZone);
}

/** A calendar date `YYYY-MM-DD`. */
export type LocalDate = string;

/** The date and time of day on the wall clocks of `timeZone` at `at`. */
export function wallClockOf(at: Date, timeZone: string): { date: LocalDate; millisOfDay: number } {
  const fields = zoneFields(at, timeZone);
  return {
    date: `${fields.year}-${pad(fields.month)}-${pad(fields.day)}`,
    millisOfDay: ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000 + at.getUTCMilliseconds(),
  };
}

/**
 * The instant the wall clocks of `timeZone` show `clock` (`HH:MM`) on `date`, as
 * PostgreSQL's `timestamp AT TIME ZONE zone` gives it: a time that exists twice (the hour
 * repeated when clocks go back) is the later of the two, a time skipped when clocks go
 * forward is read with the offset before the change (02:30 on spring-forward day in
 * New York is 03:30 EDT).
 */
export function wallTimeToInstant(date: LocalDate, clock: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const asUtc = Date.UTC(year, month - 1, day) + millisOfClock(clock);
  const offsets = [offsetAt(asUtc - DAY_MS, timeZone), offsetAt(asUtc + DAY_MS, timeZone)];
  const candidates = offsets.map((offset) => asUtc - offset);
  const valid = candidates.filter((instant, i) => offsetAt(instant, timeZone) === offsets[i]);
  return new Date(Math.max(...(valid.length > 0 ? valid : candidates)));
}

const DAY_MS = 86_400_000;

export function addDays(date: LocalDate, days: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function millisOfClock(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours * 60 + minutes) * 60_000;
}

/** How far the zone's wall clocks are ahead of UTC at `instant`, in ms (whole seconds). */
function offsetAt(instant: number, timeZone: string): number {
  const fields = zoneFields(new Date(instant), timeZone);
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFields(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
