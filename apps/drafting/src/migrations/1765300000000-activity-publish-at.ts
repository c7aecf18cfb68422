import { SqlMigration } from '@newsroom/persistence';

/**
 * When a `scheduled` timeline entry said the revision would go live, so the reporter's timeline
 * reads "Scheduled for …" and, after an editor moves it, "Rescheduled to …" rather than the same
 * word twice. Null for every other entry, and for schedule entries written before this column.
 */
export class ActivityPublishAt1765300000000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE draft_activity ADD COLUMN publish_at timestamptz`];

  protected readonly downStatements = [`ALTER TABLE draft_activity DROP COLUMN publish_at`];
}
