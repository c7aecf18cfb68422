import { SqlMigration } from '@newsroom/persistence';

/**
 * A fan-out too large for the consumer's transaction continues in the
 * background: one row per article and channel, recorded with the first batch
 * of deliveries, holding the keyset cursor (the last recipient id expanded)
 * and the count queued so far. `done_at` is set when every recipient is
 * expanded (or the article was withdrawn meanwhile); the row stays as the
 * fan-out's record.
 */
export class FanOutJobs1764300500000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE fan_outs (
        article_id uuid NOT NULL REFERENCES article_alerts (article_id),
        channel text NOT NULL CHECK (channel IN ('email', 'push')),
        after_recipient uuid,
        queued int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        PRIMARY KEY (article_id, channel)
      )`,
    `CREATE INDEX fan_outs_open_idx ON fan_outs (created_at) WHERE done_at IS NULL`,
  ];

  protected readonly downStatements = [`DROP TABLE fan_outs`];
}
