import { SqlMigration } from '@newsroom/persistence';

/**
 * Who replayed which dead letter, and when: one row per replayed message, in each
 * service's schema. Each app lists this class in its migrations.
 */
export class CreateDeadLetterAudit1764100000000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE dead_letter_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL CHECK (action IN ('replay')),
        dead_letter_topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        source_topic text NOT NULL,
        event_id text,
        error text NOT NULL
      )`,
    `CREATE INDEX dead_letter_audit_letter_idx ON dead_letter_audit (dead_letter_topic, partition, "offset")`,
  ];

  protected readonly downStatements = [`DROP TABLE dead_letter_audit`];
}
