import { SqlMigration } from '@newsroom/persistence';

/**
 * The site's section list as this service knows it: one row, the whole ordered list with its
 * version. In publishing it is the list itself (publishing owns it); in every other service it
 * is the copy kept from `news.site.sections-changed.v1`. One row rather than one per section:
 * the list only ever changes as a whole, and a single row makes "keep the newer version" one
 * atomic statement. Registered by each service in its own migrations list.
 */
export class CreateSiteSections1764600000000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE site_sections (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        version integer NOT NULL CHECK (version >= 1),
        sections jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
        changed_at timestamptz NOT NULL
      )`,
  ];

  protected readonly downStatements = [`DROP TABLE site_sections`];
}
