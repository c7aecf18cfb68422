import { SqlMigration } from '@newsroom/persistence';

const RECIPIENT_TABLES = ['subscribers', 'push_subscriptions'] as const;

/**
 * How often and when recipients hear from us (subscriptions/domain/preferences.ts,
 * quiet-hours.ts): a frequency (every story, breaking only, or a daily digest by e-mail),
 * the recipient's IANA time zone and quiet hours, on both recipient tables alike so the
 * fan-out matches them with one SQL rule. `breaking_only` stays, as `frequency =
 * 'breaking-only'` (the fan-out matches on it); existing breaking-only recipients get that
 * frequency. And `digests`: one row per subscriber and local date, the claim that makes a
 * daily digest go out once (alerts/persistence/digest.repository.ts).
 */
export class FrequencyQuietHoursDigests1764301000000 extends SqlMigration {
  protected readonly upStatements = [
    ...RECIPIENT_TABLES.flatMap((table) => [
      `ALTER TABLE ${table}
         ADD COLUMN frequency text NOT NULL DEFAULT 'every-story' CHECK (frequency IN ('every-story', 'daily-digest', 'breaking-only')),
         ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'
           -- A zone PostgreSQL does not know would make the fan-out's AT TIME ZONE fail for everyone.
           CHECK ((timestamptz '2000-01-01 00:00Z' AT TIME ZONE time_zone) IS NOT NULL),
         ADD COLUMN quiet_hours_start time,
         ADD COLUMN quiet_hours_end time,
         ADD CONSTRAINT ${table}_quiet_hours_check CHECK ((quiet_hours_start IS NULL) = (quiet_hours_end IS NULL))`,
      `UPDATE ${table} SET frequency = 'breaking-only' WHERE breaking_only`,
    ]),
    `ALTER TABLE push_subscriptions ADD CONSTRAINT push_subscriptions_no_digest_check CHECK (frequency <> 'daily-digest')`,
    `CREATE INDEX subscribers_digest_idx ON subscribers (id) WHERE frequency = 'daily-digest' AND status = 'confirmed' AND bounced_at IS NULL`,
    `CREATE TABLE digests (
        subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        local_date date NOT NULL,
        status text NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'sent', 'empty', 'failed')),
        stories_since timestamptz NOT NULL,
        stories_until timestamptz NOT NULL,
        story_count int,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        attempt_after timestamptz NOT NULL DEFAULT now(),
        last_error text,
        settled_at timestamptz,
        PRIMARY KEY (subscriber_id, local_date)
      )`,
    `CREATE INDEX digests_claimed_idx ON digests (attempt_after, claimed_at) WHERE status = 'claimed'`,
    `CREATE INDEX article_alerts_published_idx ON article_alerts (published_at) WHERE withdrawn_at IS NULL`,
  ];

  protected readonly downStatements = [
    `DROP INDEX article_alerts_published_idx`,
    `DROP TABLE digests`,
    `DROP INDEX subscribers_digest_idx`,
    `ALTER TABLE push_subscriptions DROP CONSTRAINT push_subscriptions_no_digest_check`,
    ...RECIPIENT_TABLES.map(
      (table) => `ALTER TABLE ${table} DROP CONSTRAINT ${table}_quiet_hours_check, DROP COLUMN frequency, DROP COLUMN time_zone, DROP COLUMN quiet_hours_start, DROP COLUMN quiet_hours_end`,
    ),
  ];
}
