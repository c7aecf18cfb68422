import { SqlMigration } from '@newsroom/persistence';

/**
 * Correction deliveries: when a published story is corrected, each recipient the original alert
 * reached gets it again (push: the same Topic, so it replaces the first) or a short correction
 * e-mail. They are deliveries of kind `correction`, queued in the same table so the worker's
 * retries, rate limits and delivery log apply. "One alert per recipient, channel and article"
 * now holds for kind `alert` (the same index name and columns, so the fan-out's ON CONFLICT
 * still finds it), and "one correction per recipient, channel and correction" — a correction
 * is known by its `corrected_at`, as publishing keeps the revision number — for kind `correction`.
 */
export class CorrectionDeliveries1764300800000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE deliveries
       ADD COLUMN kind text NOT NULL DEFAULT 'alert' CHECK (kind IN ('alert', 'correction')),
       ADD COLUMN corrected_at timestamptz,
       ADD COLUMN correction_note text,
       ADD CONSTRAINT deliveries_correction_fields CHECK (
         (kind = 'alert' AND corrected_at IS NULL AND correction_note IS NULL)
         OR (kind = 'correction' AND corrected_at IS NOT NULL AND correction_note IS NOT NULL)
       )`,
    `ALTER TABLE deliveries DROP CONSTRAINT deliveries_once_per_recipient`,
    `CREATE UNIQUE INDEX deliveries_once_per_recipient ON deliveries (article_id, recipient_id, channel) WHERE kind = 'alert'`,
    `CREATE UNIQUE INDEX deliveries_once_per_correction ON deliveries (article_id, recipient_id, channel, corrected_at) WHERE kind = 'correction'`,
  ];

  protected readonly downStatements = [
    `DELETE FROM deliveries WHERE kind = 'correction'`,
    `DROP INDEX deliveries_once_per_correction`,
    `DROP INDEX deliveries_once_per_recipient`,
    `ALTER TABLE deliveries ADD CONSTRAINT deliveries_once_per_recipient UNIQUE (article_id, recipient_id, channel)`,
    `ALTER TABLE deliveries DROP CONSTRAINT deliveries_correction_fields, DROP COLUMN correction_note, DROP COLUMN corrected_at, DROP COLUMN kind`,
  ];
}
