import { SqlMigration } from '@newsroom/persistence';

/**
 * The W3C traceparent of an article's fan-out, kept with its alert: the delivery worker sends
 * each alert in a span under it, so the sends join the story's trace. Null for alerts fanned
 * out before (their sends start traces of their own).
 */
export class FanOutTrace1764300700000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE article_alerts ADD COLUMN fan_out_traceparent text`];

  protected readonly downStatements = [`ALTER TABLE article_alerts DROP COLUMN fan_out_traceparent`];
}
