import type { ArticleContent } from '@newsroom/contracts';
import { SqlMigration } from '@newsroom/persistence';
import type { QueryRunner } from 'typeorm';
import { searchableText, textSearchConfigFor } from '../articles/domain/search-document';
import { authorSlug } from '../articles/domain/slug';

/**
 * Finding stories: the live text's language and author slugs copied out for author pages,
 * and a full-text search document in the language's own configuration. The document is
 * kept by a trigger from `search_config`, the headline and `search_text`, and exists only
 * while the article is live, so nothing else can ever match a search. Angle brackets in the
 * headline are read as the stand-ins `search_text` uses (see toSearchText).
 */
export class SearchTagsAuthors1764000400000 extends SqlMigration {
  protected readonly upStatements = [
    `
      ALTER TABLE articles
        ADD COLUMN language text,
        ADD COLUMN author_slugs text[] NOT NULL DEFAULT '{}',
        ADD COLUMN search_config text,
        ADD COLUMN search_text text,
        ADD COLUMN search_document tsvector`,
    `
      CREATE FUNCTION articles_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
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
    `
      CREATE TRIGGER articles_search_document BEFORE INSERT OR UPDATE ON articles
        FOR EACH ROW EXECUTE FUNCTION articles_search_document()`,
    `CREATE INDEX articles_search_idx ON articles USING gin (search_document)`,
    `CREATE INDEX articles_authors_idx ON articles USING gin (author_slugs)`,
  ];

  protected readonly downStatements = [
    `DROP TRIGGER articles_search_document ON articles`,
    `DROP FUNCTION articles_search_document()`,
    `
      ALTER TABLE articles
        DROP COLUMN search_document, DROP COLUMN search_text, DROP COLUMN search_config,
        DROP COLUMN author_slugs, DROP COLUMN language`,
  ];

  /** The statements above, then the articles already live copied into the new columns. */
  override async up(queryRunner: QueryRunner): Promise<void> {
    await super.up(queryRunner);
    const rows: { id: string; content: ArticleContent }[] = await queryRunner.query(`SELECT id, content FROM articles WHERE content IS NOT NULL`);
    for (const { id, content } of rows) {
      await queryRunner.query(`UPDATE articles SET language = $2, author_slugs = $3, search_config = $4, search_text = $5 WHERE id = $1`, [
        id,
        content.language,
        content.bylines.map((byline) => authorSlug(byline.name)),
        textSearchConfigFor(content.language),
        searchableText(content),
      ]);
    }
  }
}
