import { SqlMigration } from '@newsroom/persistence';

/**
 * The endpoint a push subscription had before its browser replaced it (the push service
 * rotated it: `pushsubscriptionchange`), with that endpoint's auth secret. A second report of
 * the same replacement (the service worker's and the page's, or a retry after a lost answer)
 * is then recognised and answered alike, instead of being refused as an unknown endpoint.
 * Null for subscriptions never replaced.
 */
export class PushEndpointReplacements1764301200000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE push_subscriptions ADD COLUMN replaced_endpoint text, ADD COLUMN replaced_auth text`,
    `CREATE INDEX push_subscriptions_replaced_endpoint ON push_subscriptions (replaced_endpoint) WHERE replaced_endpoint IS NOT NULL`,
  ];

  protected readonly downStatements = [`DROP INDEX push_subscriptions_replaced_endpoint`, `ALTER TABLE push_subscriptions DROP COLUMN replaced_endpoint, DROP COLUMN replaced_auth`];
}
