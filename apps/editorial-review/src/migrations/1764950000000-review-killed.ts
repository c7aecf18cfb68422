import { SqlMigration } from '@newsroom/persistence';

const STATUSES_BEFORE = `'pending', 'in_review', 'changes_requested', 'approved', 'rejected'`;

/** A review ends `killed` when publishing kills its story (REVIEW_STATUSES). */
export class ReviewKilled1764950000000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE review_items DROP CONSTRAINT review_items_status_check`,
    `ALTER TABLE review_items ADD CONSTRAINT review_items_status_check CHECK (status IN (${STATUSES_BEFORE}, 'killed'))`,
  ];

  // Back to the older statuses: a killed review reads as rejected, which nothing reopens either.
  protected readonly downStatements = [
    `ALTER TABLE review_items DROP CONSTRAINT review_items_status_check`,
    `UPDATE review_items SET status = 'rejected' WHERE status = 'killed'`,
    `ALTER TABLE review_items ADD CONSTRAINT review_items_status_check CHECK (status IN (${STATUSES_BEFORE}))`,
  ];
}
