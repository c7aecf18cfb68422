import { SqlMigration } from '@newsroom/persistence';

/**
 * A waiting revision keeps its schedule and its embargo apart (`due_at` stays the later of
 * the two): editors can move a schedule, never an embargo, and a newer approval cannot lift
 * an embargo early. Rows waiting from before keep their due time as their schedule.
 */
export class EmbargoApartFromSchedule1764000500000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE articles ADD COLUMN pending_publish_at timestamptz, ADD COLUMN pending_embargo_until timestamptz`,
    `UPDATE articles SET pending_publish_at = due_at WHERE due_at IS NOT NULL`,
    `ALTER TABLE articles ADD CONSTRAINT articles_pending_times CHECK (due_at IS NOT NULL OR (pending_publish_at IS NULL AND pending_embargo_until IS NULL))`,
    `ALTER TABLE articles ADD CONSTRAINT articles_embargo_holds CHECK (pending_embargo_until IS NULL OR due_at >= pending_embargo_until)`,
  ];

  protected readonly downStatements = [
    `ALTER TABLE articles DROP CONSTRAINT articles_embargo_holds, DROP CONSTRAINT articles_pending_times`,
    `ALTER TABLE articles DROP COLUMN pending_embargo_until, DROP COLUMN pending_publish_at`,
  ];
}
