import type { SubscriberRecord } from '../use-cases/search-subscribers/search-subscribers.query';

export const SUBSCRIBER_CSV_HEADER = 'id,email,status,sections,tags,breaking_only,created_at,confirmed_at,unsubscribed_at,frequency,time_zone,quiet_hours\r\n';

/**
 * Columns added later go at the end, so spreadsheets and scripts reading the older ones by
 * position keep working.
 *
 * One RFC 4180 line (CRLF, fields quoted where needed, quotes doubled). A field a spreadsheet
 * would take for a formula (`=`, `+`, `-`, `@`, tab, CR first: CSV injection, OWASP) starts
 * with an apostrophe; an address can legally start with any of them.
 */
export function subscriberCsvLine(record: SubscriberRecord): string {
  return (
    [
      record.id,
      record.email,
      record.status,
      record.sections.join(' '),
      record.tags.join(' '),
      String(record.breakingOnly),
      record.createdAt.toISOString(),
      record.confirmedAt?.toISOString() ?? '',
      record.unsubscribedAt?.toISOString() ?? '',
      record.frequency,
      record.timeZone,
      record.quietHours ? `${record.quietHours.start}-${record.quietHours.end}` : '',
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
