import { SqlMigration } from '@newsroom/persistence';

/**
 * A story is found by its section too: a reader who searches "climate" expects the Climate
 * section's stories, whose text may never say the word. The section's slug, its hyphens read as
 * spaces ("climate-energy" as "climate energy"), joins the search document at weight C, below
 * the headline (A) and the text (B), so a story that says the words still ranks first. The
 * trigger is replaced and the live stories' documents rebuilt once (an UPDATE fires it).
 */
export class SearchBySection1764900000000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE OR REPLACE FUNCTION articles_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' AND NEW.content IS NOT NULL AND NEW.search_config IS NOT NULL THEN
          NEW.search_document :=
            setweight(to_tsvector(NEW.search_config::regconfig, translate(coalesce(NEW.content->>'headline', ''), '<>', E'\\uE002\\uE003')), 'A') ||
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_text, '')), 'B') ||
            setweight(to_tsvector(NEW.search_config::regconfig, replace(coalesce(NEW.content->>'section', ''), '-', ' ')), 'C');
        ELSE
          NEW.search_document := NULL;
        END IF;
        RETURN NEW;
      END
      $$`,
    `UPDATE articles SET search_config = search_config WHERE status = 'published'`,
  ];

  protected readonly downStatements = [
    `
      CREATE OR REPLACE FUNCTION articles_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' AND NEW.content IS NOT NULL AND NEW.search_config IS NOT NULL THEN
          NEW.search_document :=
            setweight(to_tsvector(NEW.search_config::regconfig, translate(coalesce(NEW.content->>'headline', ''), '<>', E'\\uE002\\uE003')), 'A') ||
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_text, '')), 'B');
        ELSE
          NEW.search_document := NULL;
        END IF;
        RETURN NEW;
      END
      $$`,
    `UPDATE articles SET search_config = search_config WHERE status = 'published'`,
  ];
}
