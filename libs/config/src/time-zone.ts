import { settingRule } from './setting-rule';

/**
 * Whether `zone` is an IANA time zone name (`Europe/Kyiv`, `UTC`, `Etc/GMT+2`) that the
 * runtime's tz database knows. Intl also accepts fixed offsets such as `+02:00`; they are
 * refused here because they have no daylight-saving rules (a site or a reader in Kyiv would
 * be an hour off half the year) and PostgreSQL's `AT TIME ZONE` reads them with the opposite
 * sign (POSIX). One rule for the site's zone and every reader's.
 */
export function isTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone.length > 64 || !IANA_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The shape of a tz database name: it starts with a letter; offsets start with a sign or a digit. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/** Class-validator rule: an IANA time zone such as Europe/Kyiv or UTC (SITE_TIME_ZONE). */
export const IsTimeZone = settingRule('isTimeZone', '$property must be an IANA time zone such as Europe/Kyiv or UTC', isTimeZone);

/** A wall-clock time `HH:MM` on the 24-hour clock (`07:00`, `23:59`): quiet hours, the digest hour. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
