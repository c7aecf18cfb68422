import { SqlMigration } from '@newsroom/persistence';

/**
 * The trigger function that keeps `search_document`: the headline at weight A and the standfirst
 * and body words at B, as migration 1764000400000 made it, and with `withSection` the section's
 * slug at C. A snapshot for this migration's two directions; later migrations write their own.
 */
function searchDocumentFunction(withSection: boolean): string {
  const section = withSection ? ` ||\n            setweight(to_tsvector(NEW.search_config::regconfig, replace(coalesce(NEW.content->>'section', ''), '-', ' ')), 'C')` : '';
  return `
      CREATE OR REPLACE FUNCTION articles_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' AND NEW.content IS NOT NULL AND NEW.search_config IS NOT NULL THEN
          NEW.search_document :=
            setweight(to_tsvector(NEW.search_config::regconfig, translate(coalesce(NEW.content->>'headline', ''), '<>', E'\\uE002\\uE003')), 'A') ||
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_text, '')), 'B')${section};
        ELSE
          NEW.search_document := NULL;
        END IF;
        RETURN NEW;
      END
      $$`;
}

/** Rebuilds the live stories' documents: an UPDATE fires the trigger. */
const REBUILD_LIVE_DOCUMENTS = `UPDATE articles SET search_config = search_config WHERE status = 'published'`;

/**
 * A story is found by its section too: a reader who searches "climate" expects the Climate
 * section's stories, whose text may never say the word. The section's slug, its hyphens read as
 * spaces ("climate-energy" as "climate energy"), joins the search document at weight C, below
 * the headline (A) and the text (B), so a story that says the words still ranks first. The
 * trigger is replaced and the live stories' documents rebuilt once.
 */
export class SearchBySection1764900000000 extends SqlMigration {
  protected readonly upStatements = [searchDocumentFunction(true), REBUILD_LIVE_DOCUMENTS];

  protected readonly downStatements = [searchDocumentFunction(false), REBUILD_LIVE_DOCUMENTS];
}
