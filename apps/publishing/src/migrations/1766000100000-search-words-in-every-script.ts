import type { ArticleContent } from '@newsroom/contracts';
import { SqlMigration } from '@newsroom/persistence';
import type { QueryRunner } from 'typeorm';
import { searchableText, toSearchText } from '../articles/domain/search-document';

/**
 * The trigger function that keeps `search_document`: the headline at weight A (with
 * `searchHeadline`, from the `search_headline` column, where the words of scripts written
 * without spaces are separated; otherwise from the content, as before), the standfirst and body
 * words at B, the section's slug at C. A snapshot for this migration's two directions.
 */
function searchDocumentFunction(searchHeadline: boolean): string {
  const contentHeadline = `translate(coalesce(NEW.content->>'headline', ''), '<>', E'\\uE002\\uE003')`;
  const headline = searchHeadline ? `coalesce(NEW.search_headline, ${contentHeadline})` : contentHeadline;
  return `
      CREATE OR REPLACE FUNCTION articles_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' AND NEW.content IS NOT NULL AND NEW.search_config IS NOT NULL THEN
          NEW.search_document :=
            setweight(to_tsvector(NEW.search_config::regconfig, ${headline}), 'A') ||
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_text, '')), 'B') ||
            setweight(to_tsvector(NEW.search_config::regconfig, replace(coalesce(NEW.content->>'section', ''), '-', ' ')), 'C');
        ELSE
          NEW.search_document := NULL;
        END IF;
        RETURN NEW;
      END
      $$`;
}

/**
 * Search finds a word in Chinese, Japanese, Thai and the other scripts written without spaces:
 * PostgreSQL's parser finds words between spaces and punctuation, so a Japanese sentence was one
 * word and "東京" found nothing. The searchable text and a new `search_headline` separate those
 * words (toSearchText); the trigger reads the headline from it. Every article's search columns
 * are made again, which rebuilds the live stories' documents. Down takes the separators out.
 */
export class SearchWordsInEveryScript1766000100000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE articles ADD COLUMN search_headline text`, searchDocumentFunction(true)];

  protected readonly downStatements = [
    searchDocumentFunction(false),
    `ALTER TABLE articles DROP COLUMN search_headline`,
    // WORD_BREAK (search-document.ts) taken out of the text again.
    `UPDATE articles SET search_text = replace(search_text, E'\\uE004', '') WHERE search_text IS NOT NULL`,
  ];

  override async up(queryRunner: QueryRunner): Promise<void> {
    await super.up(queryRunner);
    const rows: { id: string; content: ArticleContent }[] = await queryRunner.query(`SELECT id, content FROM articles WHERE content IS NOT NULL`);
    for (const { id, content } of rows) {
      await queryRunner.query(`UPDATE articles SET search_headline = $2, search_text = $3 WHERE id = $1`, [id, toSearchText(content.headline), searchableText(content)]);
    }
  }
}
