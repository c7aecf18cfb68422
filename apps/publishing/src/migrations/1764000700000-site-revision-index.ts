import { SqlMigration } from '@newsroom/persistence';

/** The site's last visible change (max(updated_at)) is asked on every public read: an index answers it at once. */
export class SiteRevisionIndex1764000700000 extends SqlMigration {
  protected readonly upStatements = [
    `CREATE INDEX articles_updated_idx ON articles (updated_at)`,
  ];

  protected readonly downStatements = [
    `DROP INDEX articles_updated_idx`,
  ];
}
