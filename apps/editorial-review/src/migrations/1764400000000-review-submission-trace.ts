import { SqlMigration } from '@newsroom/persistence';

/**
 * The W3C traceparent the current submission was stored in, kept with the review item: an
 * editor's decision runs in a span under it, so one trace follows the story from the
 * reporter's submit. Null for items submitted before (their decisions trace as before).
 */
export class ReviewSubmissionTrace1764400000000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE review_items ADD COLUMN submission_traceparent text`];

  protected readonly downStatements = [`ALTER TABLE review_items DROP COLUMN submission_traceparent`];
}
