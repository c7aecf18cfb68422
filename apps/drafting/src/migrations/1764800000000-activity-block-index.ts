import { SqlMigration } from '@newsroom/persistence';

/**
 * The block of the revision's body an editor's note is about (0-based, as editorial review's
 * comment event says), so the reporter sees which paragraph it means. Null for notes on the whole
 * story and for every other timeline entry.
 */
export class ActivityBlockIndex1764800000000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE draft_activity ADD COLUMN block_index int`];

  protected readonly downStatements = [`ALTER TABLE draft_activity DROP COLUMN block_index`];
}
