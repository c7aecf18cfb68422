import { SqlMigration } from '@newsroom/persistence';

/**
 * The allowance of each alert destination (the SMTP relay `email`, a push host or a
 * `*.domain` group), shared by every delivery worker: the current rate window and how many
 * sends it has started, and a pause a destination asked for (a push service's 429 with
 * Retry-After). Written only when DELIVERY_RATE_LIMITS is set. `allowance` and
 * `period_seconds` are the rule the last claim applied (null: no limit, pausable only);
 * `asked` and `granted` what that claim wanted and got, for operators reading the table.
 */
export class DeliveryDestinations1764301100000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE delivery_destinations (
        destination text PRIMARY KEY,
        allowance int CHECK (allowance > 0),
        period_seconds int CHECK (period_seconds > 0),
        window_start timestamptz,
        used int NOT NULL DEFAULT 0,
        asked int NOT NULL DEFAULT 0,
        granted int NOT NULL DEFAULT 0,
        paused_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
  ];

  protected readonly downStatements = [`DROP TABLE delivery_destinations`];
}
