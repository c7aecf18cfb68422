import type { ArticleContent } from '@newsroom/contracts';
import { SqlMigration } from '@newsroom/persistence';
import type { QueryRunner } from 'typeorm';
import { searchColumns } from '../articles/domain/search-document';

/**
 * The trigger function that keeps `search_document`, a snapshot for this migration's two
 * directions. Before (`readerColumns` false), as migration 1764900000000 left it: the headline
 * from the content at weight A, `search_text` (standfirst, body, byline names) at B, the
 * section's slug at C. After: the headline from `search_headline` at A, `search_text` and
 * `search_bylines` at B, the section at C, `search_folded` at D.
 */
function searchDocumentFunction(readerColumns: boolean): string {
  const contentHeadline = `translate(coalesce(NEW.content->>'headline', ''), '<>', E'\\uE002\\uE003')`;
  const headline = readerColumns ? `coalesce(NEW.search_headline, ${contentHeadline})` : contentHeadline;
  const bylines = readerColumns ? ` ||\n            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_bylines, '')), 'B')` : '';
  const folded = readerColumns ? ` ||\n            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_folded, '')), 'D')` : '';
  return `
      CREATE OR REPLACE FUNCTION articles_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' AND NEW.content IS NOT NULL AND NEW.search_config IS NOT NULL THEN
          NEW.search_document :=
            setweight(to_tsvector(NEW.search_config::regconfig, ${headline}), 'A') ||
            setweight(to_tsvector(NEW.search_config::regconfig, coalesce(NEW.search_text, '')), 'B')${bylines} ||
            setweight(to_tsvector(NEW.search_config::regconfig, replace(coalesce(NEW.content->>'section', ''), '-', ' ')), 'C')${folded};
        ELSE
          NEW.search_document := NULL;
        END IF;
        RETURN NEW;
      END
      $$`;
}

/**
 * Search reads a story as readers type:
 * - a word in Chinese, Japanese, Thai and the other scripts written without spaces is found:
 *   PostgreSQL's parser finds words between spaces and punctuation, so a Japanese sentence was
 *   one word; the stored headline (`search_headline`, new) and text separate those words
 *   (toSearchText);
 * - the byline names move from the end of `search_text` to `search_bylines`: still found at the
 *   text's weight, no longer at the end of snippets;
 * - words typed without their accents are found ("gdansk" for "Gdańsk"): `search_folded` holds
 *   the story's words that read differently without them, at the lowest weight, never shown.
 * Every article's search columns are made again, which rebuilds the live stories' documents.
 * Down drops the new columns and gives `search_text` its earlier form (no word breaks, the names
 * at its end).
 */
export class SearchAsReadersType1766000100000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE articles ADD COLUMN search_headline text, ADD COLUMN search_bylines text, ADD COLUMN search_folded text`,
    searchDocumentFunction(true),
  ];

  protected readonly downStatements = [
    searchDocumentFunction(false),
    // WORD_BREAK (search-document.ts) taken out of the text, the names put back at its end.
    `UPDATE articles SET search_text = concat_ws(E'\\n', nullif(replace(search_text, E'\\uE004', ''), ''), nullif(replace(search_bylines, E'\\uE004', ''), ''))
      WHERE search_text IS NOT NULL OR search_bylines IS NOT NULL`,
    `ALTER TABLE articles DROP COLUMN search_headline, DROP COLUMN search_bylines, DROP COLUMN search_folded`,
  ];

  override async up(queryRunner: QueryRunner): Promise<void> {
    await super.up(queryRunner);
    const rows: { id: string; content: ArticleContent }[] = await queryRunner.query(`SELECT id, content FROM articles WHERE content IS NOT NULL`);
    for (const { id, content } of rows) {
      const search = searchColumns(content);
      await queryRunner.query(`UPDATE articles SET search_headline = $2, search_text = $3, search_bylines = $4, search_folded = $5 WHERE id = $1`, [
        id,
        search.headline,
        search.text,
        search.bylines,
        search.folded,
      ]);
    }
  }
}
