import { SqlMigration } from '@newsroom/persistence';

/**
 * The words tags were typed as on the stories published with them (`tagLabels` of the published,
 * updated and corrected events), the newest kept: a reader following `kiyiv` reads "Київ" on
 * their confirmation and preference pages, as the site names it. A tag never typed otherwise
 * than its slug has no row.
 */
export class TagNames1766000300000 extends SqlMigration {
  protected readonly upStatements = [`CREATE TABLE tag_names (tag text PRIMARY KEY, name text NOT NULL, named_at timestamptz NOT NULL)`];

  protected readonly downStatements = [`DROP TABLE tag_names`];
}
