import { SqlMigration } from '@newsroom/persistence';

const STATUSES_BEFORE = `'pending', 'in_review', 'changes_requested', 'approved', 'rejected', 'killed'`;

/** A review is `recalled` while its reporter has taken the story back from the queue (REVIEW_STATUSES). */
export class ReviewRecalled1765400000000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE review_items DROP CONSTRAINT review_items_status_check`,
    `ALTER TABLE review_items ADD CONSTRAINT review_items_status_check CHECK (status IN (${STATUSES_BEFORE}, 'recalled'))`,
  ];

  // Back to the older statuses: a recalled story reads as sent back to its reporter, which is
  // what it is, and a resubmission puts it in the queue again either way.
  protected readonly downStatements = [
    `ALTER TABLE review_items DROP CONSTRAINT review_items_status_check`,
    `UPDATE review_items SET status = 'changes_requested' WHERE status = 'recalled'`,
    `ALTER TABLE review_items ADD CONSTRAINT review_items_status_check CHECK (status IN (${STATUSES_BEFORE}))`,
  ];
}
