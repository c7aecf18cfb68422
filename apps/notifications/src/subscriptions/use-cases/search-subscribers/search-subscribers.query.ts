import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import type { Preferences } from '../../domain/preferences';
import type { SubscriberStatus } from '../../domain/subscriber';
import { fromPreferenceColumns } from '../../persistence/preference-columns';

/**
 * An email subscriber as the administration pages and the CSV export show it: their preferences
 * (sections, tags, frequency, breakingOnly, timeZone, quietHours) spread at the top level.
 */
export interface SubscriberRecord extends Preferences {
  id: string;
  email: string;
  status: SubscriberStatus;
  createdAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  /** True when the address hard-bounced and gets no mail until its owner opts in again. */
  bounced: boolean;
  bouncedAt: Date | null;
  /** The SMTP reply code of the bounce, e.g. 550. */
  bounceCode: number | null;
}

interface SubscriberRow {
  id: string;
  email: string;
  status: SubscriberStatus;
  sections: string[];
  tags: string[];
  frequency: Preferences['frequency'];
  breaking_only: boolean;
  time_zone: string;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  created_at: Date;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
  bounced_at: Date | null;
  bounce_code: number | null;
}

/** Erased subscribers keep a row (their deliveries stay counted) under this address form; no search lists them. */
export const ERASED_ADDRESS_PREFIX = 'erased:';

/**
 * Email subscribers for editors answering readers ("am I subscribed?", "delete my data"):
 * found by any part of the address, ignoring case, newest first. Erased subscribers are never
 * listed. `all()` streams nothing and holds every row: the export is for a newsroom's list,
 * read in pages of 1000.
 */
@Injectable()
export class SearchSubscribersQuery {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async search(text: string, limit: number, offset: number): Promise<{ total: number; subscribers: SubscriberRecord[] }> {
    const pattern = `%${text.trim().toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const where = `lower(email) LIKE $1 AND email NOT LIKE '${ERASED_ADDRESS_PREFIX}%'`;
    const [rows, [{ total }]] = await Promise.all([
      this.unitOfWork.manager.query(`SELECT * FROM subscribers WHERE ${where} ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, [pattern, limit, offset]) as Promise<SubscriberRow[]>,
      this.unitOfWork.manager.query(`SELECT count(*)::int AS total FROM subscribers WHERE ${where}`, [pattern]) as Promise<{ total: number }[]>,
    ]);
    return { total, subscribers: rows.map(toRecord) };
  }

  async page(afterId: string | null, size: number): Promise<SubscriberRecord[]> {
    const rows: SubscriberRow[] = await this.unitOfWork.manager.query(
      `SELECT * FROM subscribers WHERE email NOT LIKE '${ERASED_ADDRESS_PREFIX}%' AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, size],
    );
    return rows.map(toRecord);
  }
}

function toRecord(row: SubscriberRow): SubscriberRecord {
  return {
    id: row.id,
    email: row.email,
    status: row.status,
    ...fromPreferenceColumns({
      sections: row.sections,
      tags: row.tags,
      frequency: row.frequency,
      breakingOnly: row.breaking_only,
      timeZone: row.time_zone,
      quietHoursStart: row.quiet_hours_start,
      quietHoursEnd: row.quiet_hours_end,
    }),
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at,
    bounced: row.bounced_at !== null,
    bouncedAt: row.bounced_at,
    bounceCode: row.bounce_code,
  };
}
