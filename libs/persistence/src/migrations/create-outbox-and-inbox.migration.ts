import { SqlMigration } from './sql-migration';

/**
 * The outbox and inbox tables every service needs. Each app lists this class in
 * its own migrations, so the tables land in that service's schema.
 */
export class CreateOutboxAndInbox1764000000000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      )`,
    `CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE sent_at IS NULL`,
    `
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`,
  ];

  protected readonly downStatements = [
    `DROP TABLE inbox`,
    `DROP TABLE outbox`,
  ];
}
