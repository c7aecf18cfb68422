import type { SiteSection } from '@newsroom/config';

/** The section list at one version. */
export interface SiteSectionSnapshot {
  /** 1 for the list publishing seeded from SITE_SECTIONS, one more per change since. */
  version: number;
  /** In the navigation's order. */
  sections: SiteSection[];
  changedAt: Date;
}

/** What the statements below run on: a unit of work's manager or the data source itself. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

interface SnapshotRow {
  version: number;
  sections: SiteSection[];
  changed_at: Date;
}

const RETURNING = 'RETURNING version, sections, changed_at';

/** The stored list, or null before this service has one (then SITE_SECTIONS stands in). */
export async function readSiteSections(db: Queryable): Promise<SiteSectionSnapshot | null> {
  const rows = (await db.query(`SELECT version, sections, changed_at FROM site_sections WHERE id = 1`)) as SnapshotRow[];
  return snapshotOf(rows);
}

/**
 * A follower's copy: stores `snapshot` unless the stored list is as new or newer, and says
 * whether it did. Events may be replayed or redelivered out of a dead-letter topic, so an older
 * version must never overwrite a newer one; the comparison and the write are one statement.
 */
export async function keepNewerSiteSections(db: Queryable, snapshot: SiteSectionSnapshot): Promise<boolean> {
  const rows = (await db.query(
    `INSERT INTO site_sections (id, version, sections, changed_at) VALUES (1, $1, $2::jsonb, $3)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, sections = EXCLUDED.sections, changed_at = EXCLUDED.changed_at
     WHERE site_sections.version < EXCLUDED.version
     RETURNING version`,
    [snapshot.version, JSON.stringify(snapshot.sections), snapshot.changedAt],
  )) as unknown[];
  return rows.length > 0;
}

/** The owner's first list (version 1), only when there is none yet; null when one exists. */
export async function seedSiteSections(db: Queryable, sections: readonly SiteSection[], at: Date): Promise<SiteSectionSnapshot | null> {
  const rows = (await db.query(
    `INSERT INTO site_sections (id, version, sections, changed_at) VALUES (1, 1, $1::jsonb, $2) ON CONFLICT (id) DO NOTHING ${RETURNING}`,
    [JSON.stringify(sections), at],
  )) as SnapshotRow[];
  return snapshotOf(rows);
}

/**
 * The owner's change: replaces the list if it is still at `expectedVersion` and returns it at
 * the next version; null when someone changed it in between (or there is none yet). The check
 * and the write are one statement, so of two concurrent changes from the same version exactly
 * one wins.
 */
export async function replaceSiteSections(
  db: Queryable,
  expectedVersion: number,
  sections: readonly SiteSection[],
  at: Date,
): Promise<SiteSectionSnapshot | null> {
  const rows = (await db.query(
    `UPDATE site_sections SET version = version + 1, sections = $2::jsonb, changed_at = $3 WHERE id = 1 AND version = $1 ${RETURNING}`,
    [expectedVersion, JSON.stringify(sections), at],
  )) as [SnapshotRow[], number] | SnapshotRow[];
  // TypeORM's PostgreSQL driver answers an UPDATE … RETURNING with [rows, affected].
  const returned = Array.isArray(rows[0]) ? (rows[0] as SnapshotRow[]) : (rows as SnapshotRow[]);
  return snapshotOf(returned);
}

function snapshotOf(rows: SnapshotRow[]): SiteSectionSnapshot | null {
  const [row] = rows;
  if (!row) return null;
  return { version: row.version, sections: row.sections.map(({ slug, label }) => ({ slug, label })), changedAt: new Date(row.changed_at) };
}
