import { SqlMigration } from '@newsroom/persistence';

/**
 * When a subscriber's address hard-bounced (the mail server answered 5xx to RCPT TO or DATA),
 * and the reply code it gave. A bounced address gets no more alerts until its owner signs up
 * again and confirms (double opt-in clears both). Null for addresses that never bounced.
 */
export class SubscriberBounces1764300900000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE subscribers ADD COLUMN bounced_at timestamptz, ADD COLUMN bounce_code smallint`];

  protected readonly downStatements = [`ALTER TABLE subscribers DROP COLUMN bounced_at, DROP COLUMN bounce_code`];
}
