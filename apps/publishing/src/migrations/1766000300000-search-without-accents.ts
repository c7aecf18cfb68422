import type { ArticleContent } from '@newsroom/contracts';
import { SqlMigration } from '@newsroom/persistence';
import type { QueryRunner } from 'typeorm';
import { articleWithoutAccents } from '../articles/domain/search-document';

/**
 * The trigger function that keeps `search_document`: the headline at weight A, the standfirst
 * and body words and the byline names at B, the section's slug at C, and with `folded` the
 * words without their accents (`search_folded`) at D. A snapshot for this migration's two
 * directions.
 */
function searchDocumentFunction(folded: boolean): string {
  const withoutAccents = folded ? ` ||\n            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_folded, '')), 'D')` : '';
  return `
      CREATE OR REPLACE FUNCTION articles_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' AND NEW.content IS NOT NULL AND NEW.search_config IS NOT NULL THEN
          NEW.search_document :=
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_headline, translate(coalesce(NEW.content->>'headline', ''), '<>', E'\\uE002\\uE003'))), 'A') ||
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_text, '')), 'B') ||
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_bylines, '')), 'B') ||
            setweight(to_tsvector(NEW.search_config::regconfig, replace(coalesce(NEW.content->>'section', ''), '-', ' ')), 'C')${withoutAccents};
        ELSE
          NEW.search_document := NULL;
        END IF;
        RETURN NEW;
      END
      $$`;
}

/**
 * A reader who types without accents finds the story: "gdansk" finds "Gdańsk", "lodz" "Łódź".
 * The words of the headline, text and bylines that read differently without their accents are
 * kept folded in `search_folded` (searchableWithoutAccents) and indexed at the lowest weight;
 * the search reads the reader's words both as typed and folded. Every article's column is made,
 * which rebuilds the live stories' documents; down drops it.
 */
export class SearchWithoutAccents1766000300000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE articles ADD COLUMN search_folded text`, searchDocumentFunction(true)];

  protected readonly downStatements = [searchDocumentFunction(false), `ALTER TABLE articles DROP COLUMN search_folded`, `UPDATE articles SET search_config = search_config WHERE status = 'published'`];

  override async up(queryRunner: QueryRunner): Promise<void> {
    await super.up(queryRunner);
    const rows: { id: string; content: ArticleContent }[] = await queryRunner.query(`SELECT id, content FROM articles WHERE content IS NOT NULL`);
    for (const { id, content } of rows) {
      await queryRunner.query(`UPDATE articles SET search_folded = $2 WHERE id = $1`, [id, articleWithoutAccents(content)]);
    }
  }
}
