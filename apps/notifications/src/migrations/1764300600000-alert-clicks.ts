import { SqlMigration } from '@newsroom/persistence';

/** Click-throughs counted per alert (article) and channel; no reader, address or endpoint is kept. */
export class AlertClicks1764300600000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE alert_clicks (
        article_id uuid NOT NULL REFERENCES article_alerts (article_id),
        channel text NOT NULL CHECK (channel IN ('email', 'push')),
        clicks bigint NOT NULL DEFAULT 0,
        first_click_at timestamptz NOT NULL DEFAULT now(),
        last_click_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, channel)
      )`,
  ];

  protected readonly downStatements = [`DROP TABLE alert_clicks`];
}
