import { SqlMigration } from '@newsroom/persistence';

/** Who edited a sub-edited revision (the editor reviewing the story); null for every revision its reporter submitted. */
export class SubmissionEditedBy1765600000000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE review_submissions ADD COLUMN edited_by text`];

  protected readonly downStatements = [`ALTER TABLE review_submissions DROP COLUMN edited_by`];
}
