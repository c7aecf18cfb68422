import { SqlMigration } from '@newsroom/persistence';

/**
 * The live text as publishing's last correction left it, with the revision it corrected: a
 * correction names the fields' new values only, so the next one is compared with this to tell
 * which fields it changed. Null for drafts never corrected (the live revision's saved text is
 * then the live text).
 */
export class DraftCorrectedText1764700000000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE drafts ADD COLUMN corrected_revision int, ADD COLUMN corrected_content jsonb`];

  protected readonly downStatements = [`ALTER TABLE drafts DROP COLUMN corrected_content, DROP COLUMN corrected_revision`];
}
