import { SqlMigration } from '@newsroom/persistence';

/**
 * The article's language (BCP 47, from the published event), so an alert or digest marks the
 * story's words with it (`lang`) and a screen reader reads them in that language's voice. Null
 * for alerts stored before: their e-mails say the direction only, as before.
 */
export class AlertLanguage1765200000000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE article_alerts ADD COLUMN language text`];

  protected readonly downStatements = [`ALTER TABLE article_alerts DROP COLUMN language`];
}
