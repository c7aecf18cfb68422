import { SqlMigration } from '@newsroom/persistence';

/**
 * Delivery lanes: each channel is claimed on its own (its own concurrency), and
 * breaking alerts ahead of the rest. `urgency` is 0 for a breaking alert and 1
 * otherwise, copied from the article's priority at fan-out so the claim reads
 * one partial index in order instead of joining and sorting every pending row.
 */
export class DeliveryLanes1764300000000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE deliveries ADD COLUMN urgency smallint NOT NULL DEFAULT 1`,
    `UPDATE deliveries d SET urgency = 0 FROM article_alerts a WHERE a.article_id = d.article_id AND a.priority = 'breaking' AND d.status = 'pending'`,
    `CREATE INDEX deliveries_lane_idx ON deliveries (channel, urgency, next_attempt_at, id) WHERE status = 'pending'`,
  ];

  protected readonly downStatements = [`DROP INDEX deliveries_lane_idx`, `ALTER TABLE deliveries DROP COLUMN urgency`];
}
