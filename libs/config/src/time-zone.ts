import { settingRule } from './setting-rule';

/** Whether the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Class-validator rule: an IANA time zone such as Europe/Kyiv or UTC (SITE_TIME_ZONE). */
export const IsTimeZone = settingRule('isTimeZone', '$property must be an IANA time zone such as Europe/Kyiv or UTC', isTimeZone);
