import type { ArticleContent } from '@newsroom/contracts';
import { SqlMigration } from '@newsroom/persistence';
import type { QueryRunner } from 'typeorm';
import { searchableBylines, searchableText } from '../articles/domain/search-document';

/**
 * The trigger function that keeps `search_document`: the headline at weight A, the standfirst
 * and body words at B, with `bylines` the byline names (`search_bylines`) at B too, the
 * section's slug at C. A snapshot for this migration's two directions.
 */
function searchDocumentFunction(bylines: boolean): string {
  const names = bylines ? ` ||\n            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_bylines, '')), 'B')` : '';
  return `
      CREATE OR REPLACE FUNCTION articles_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' AND NEW.content IS NOT NULL AND NEW.search_config IS NOT NULL THEN
          NEW.search_document :=
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_headline, translate(coalesce(NEW.content->>'headline', ''), '<>', E'\\uE002\\uE003'))), 'A') ||
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_text, '')), 'B')${names} ||
            setweight(to_tsvector(NEW.search_config::regconfig, replace(coalesce(NEW.content->>'section', ''), '-', ' ')), 'C');
        ELSE
          NEW.search_document := NULL;
        END IF;
        RETURN NEW;
      END
      $$`;
}

/**
 * The byline names apart from the searchable text: a story is still found by who wrote it, at
 * the same weight, but snippets are cut from the story's own text and no longer end with its
 * authors' names ("…will not open until late next year. Olena Kravets Tom Reyes"). Every
 * article's text and names are made again, which rebuilds the live stories' documents; down
 * puts the names back at the end of the text.
 */
export class SearchBylinesApart1766000200000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE articles ADD COLUMN search_bylines text`, searchDocumentFunction(true)];

  protected readonly downStatements = [
    searchDocumentFunction(false),
    `UPDATE articles SET search_text = concat_ws(E'\\n', nullif(search_text, ''), nullif(search_bylines, '')) WHERE search_bylines IS NOT NULL`,
    `ALTER TABLE articles DROP COLUMN search_bylines`,
  ];

  override async up(queryRunner: QueryRunner): Promise<void> {
    await super.up(queryRunner);
    const rows: { id: string; content: ArticleContent }[] = await queryRunner.query(`SELECT id, content FROM articles WHERE content IS NOT NULL`);
    for (const { id, content } of rows) {
      await queryRunner.query(`UPDATE articles SET search_text = $2, search_bylines = $3 WHERE id = $1`, [id, searchableText(content), searchableBylines(content)]);
    }
  }
}
