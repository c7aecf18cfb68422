import { SqlMigration } from '@newsroom/persistence';

/**
 * The live revision's text as its editor approved it, kept once a correction changes the live
 * text: the base from which corrections are carried into the next revision to go live, so that
 * an update written before a correction does not undo it. Articles corrected before this
 * column existed have none; their next revision goes live as approved, as it did.
 */
export class LiveAsApproved1764000900000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE articles ADD COLUMN live_as_approved jsonb`];

  protected readonly downStatements = [`ALTER TABLE articles DROP COLUMN live_as_approved`];
}
