import { SqlMigration } from '@newsroom/persistence';

/**
 * How often each article was shared, per network: counters only. Nothing about who shared is
 * stored (no address, no agent, no time of the share), so there is no personal data to keep.
 */
export class ArticleShares1764000800000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE article_shares (
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        network text NOT NULL,
        shares bigint NOT NULL DEFAULT 0 CHECK (shares >= 0),
        PRIMARY KEY (article_id, network)
      )`,
  ];

  protected readonly downStatements = [`DROP TABLE article_shares`];
}
