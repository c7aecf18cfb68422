import { SqlMigration } from '@newsroom/persistence';

export class CreateNotifications1764000400000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE subscribers (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
        sections text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        breaking_only boolean NOT NULL DEFAULT false,
        link_sent_at timestamptz,
        confirmed_at timestamptz,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    // One subscriber per mailbox however the address is capitalised.
    `CREATE UNIQUE INDEX subscribers_email_key ON subscribers (lower(email))`,
    `CREATE INDEX subscribers_sections_idx ON subscribers USING gin (sections) WHERE status = 'confirmed'`,
    `CREATE INDEX subscribers_tags_idx ON subscribers USING gin (tags) WHERE status = 'confirmed'`,

    `
      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY,
        endpoint text NOT NULL UNIQUE,
        p256dh text NOT NULL,
        auth text NOT NULL,
        expiration_time timestamptz,
        sections text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        breaking_only boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        deactivated_at timestamptz,
        deactivated_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX push_subscriptions_sections_idx ON push_subscriptions USING gin (sections) WHERE active`,
    `CREATE INDEX push_subscriptions_tags_idx ON push_subscriptions USING gin (tags) WHERE active`,

    // What an alert says, once per article; every delivery of that article points here.
    `
      CREATE TABLE article_alerts (
        article_id uuid PRIMARY KEY,
        revision int,
        headline text,
        standfirst text,
        url text,
        section text,
        tags text[] NOT NULL DEFAULT '{}',
        priority text,
        published_at timestamptz,
        withdrawn_at timestamptz,
        fanned_out_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,

    // recipient_id is the subscriber for email and the push subscription for push, so the
    // once-per-recipient rule is one UNIQUE constraint for both channels.
    `
      CREATE TABLE deliveries (
        id bigserial PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES article_alerts (article_id),
        channel text NOT NULL CHECK (channel IN ('email', 'push')),
        subscriber_id uuid REFERENCES subscribers (id) ON DELETE CASCADE,
        push_subscription_id uuid REFERENCES push_subscriptions (id) ON DELETE CASCADE,
        recipient_id uuid GENERATED ALWAYS AS (COALESCE(subscriber_id, push_subscription_id)) STORED,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled', 'unknown')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_by uuid,
        claimed_at timestamptz,
        last_error text,
        last_response_code int,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deliveries_one_recipient CHECK (
          (channel = 'email' AND subscriber_id IS NOT NULL AND push_subscription_id IS NULL)
          OR (channel = 'push' AND push_subscription_id IS NOT NULL AND subscriber_id IS NULL)
        ),
        CONSTRAINT deliveries_once_per_recipient UNIQUE (article_id, recipient_id, channel)
      )`,
    `CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at, id) WHERE status = 'pending'`,
    `CREATE INDEX deliveries_sending_idx ON deliveries (claimed_by) WHERE status = 'sending'`,
    `CREATE INDEX deliveries_pending_recipient_idx ON deliveries (recipient_id) WHERE status = 'pending'`,

    `
      CREATE TABLE delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        attempt int NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent', 'retry', 'failed', 'unknown')),
        error text,
        response_code int
      )`,
    `CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id, id)`,
  ];

  protected readonly downStatements = [
    `DROP TABLE delivery_attempts`,
    `DROP TABLE deliveries`,
    `DROP TABLE article_alerts`,
    `DROP TABLE push_subscriptions`,
    `DROP TABLE subscribers`,
  ];
}
