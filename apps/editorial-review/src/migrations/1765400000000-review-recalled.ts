import { SqlMigration } from '@newsroom/persistence';

const STATUSES_BEFORE = `'pending', 'in_review', 'changes_requested', 'approved', 'rejected', 'killed'`;

/** A review is `recalled` while its reporter has taken the story back from the queue (REVIEW_STATUSES). */
export class ReviewRecalled1765400000000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE review_items DROP CONSTRAINT review_items_status_check`,
    `ALTER TABLE review_items ADD CONSTRAINT review_items_status_check CHECK (status IN (${STATUSES_BEFORE}, 'recalled'))`,
  ];

  // Back to the older statuses: a recalled story reads as sent back to its reporter (changes
  // requested), which is what it is. The older drafting cannot edit a draft whose status is
  // `recalled`: `UPDATE drafts SET status = 'changes_requested' WHERE status = 'recalled'` in
  // drafting's schema hands those back in terms it knows. Its reporter then edits before
  // submitting again, as the older release takes only a newer revision from there.
  protected readonly downStatements = [
    `ALTER TABLE review_items DROP CONSTRAINT review_items_status_check`,
    `UPDATE review_items SET status = 'changes_requested' WHERE status = 'recalled'`,
    `ALTER TABLE review_items ADD CONSTRAINT review_items_status_check CHECK (status IN (${STATUSES_BEFORE}))`,
  ];
}
