import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import {
  ALL_TEXT_SEARCH_CONFIGS,
  ANGLE_CLOSE,
  ANGLE_OPEN,
  fromSearchText,
  SNIPPET_FRAGMENT_DELIMITER,
  SNIPPET_MARK_END,
  SNIPPET_MARK_START,
  toFoldedSearchQuery,
  toSearchQuery,
  withEllipses,
  wordsFoundWithoutAccents,
} from '../../domain/search-document';
import { ArticleEntity } from '../../persistence/article.entity';
import { toPublicArticle, type PublicArticle } from '../read-articles/public-article';
import type { SearchArticlesCommand } from './search-articles.command';

/** One search result: the article, and where the reader's words occur in it. */
export interface SearchHit {
  article: PublicArticle;
  /**
   * The headline and a short passage of the text (standfirst and body, fragments joined by
   * " … ", with "… " before and " …" after where the passage starts or stops mid-block), plain text in which the matched words are wrapped in SNIPPET_MARK_START and
   * SNIPPET_MARK_END. The text itself never contains those characters; whoever renders the
   * snippet escapes the text and turns the marks into markup.
   */
  headline: string;
  snippet: string;
  /** PostgreSQL's cover density rank: higher is better; only comparable within one search. */
  rank: number;
}

export interface SearchResults {
  items: SearchHit[];
  /** Every live article that matches, beyond this page too. */
  total: number;
}

const HEADLINE_OPTIONS = `HighlightAll=true, StartSel="${SNIPPET_MARK_START}", StopSel="${SNIPPET_MARK_END}"`;
const SNIPPET_OPTIONS = `StartSel="${SNIPPET_MARK_START}", StopSel="${SNIPPET_MARK_END}", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter="${SNIPPET_FRAGMENT_DELIMITER}"`;
/**
 * The marked headline and snippet of article `a` for the tsquery `q.query`, in both statements
 * that make them: $3 is HEADLINE_OPTIONS, $4 SNIPPET_OPTIONS, $7 the angle brackets' stand-ins.
 */
const HIGHLIGHTS = `ts_headline(a.search_config::regconfig, coalesce(a.search_headline, translate(a.content->>'headline', '<>', $7)), q.query, $3) AS headline,
              ts_headline(a.search_config::regconfig, coalesce(a.search_text, ''), q.query, $4) AS snippet`;

/**
 * Full-text search over live articles. Each article is indexed in its own language's text
 * search configuration ('english' stems "voted" to "vote"; Ukrainian, which PostgreSQL has
 * no dictionary for, is indexed 'simple'), so the reader's words are parsed once per
 * configuration and each article is matched against the parse of its own language. Text in a
 * script written without spaces is cut into its words on both sides (toSearchQuery,
 * toSearchText), so "東京" finds a story whose headline says "東京で新しい…"; and the reader's words
 * are also read without their accents against the story's words without theirs, so "gdansk" finds
 * "Gdańsk" (toFoldedSearchQuery, searchableWithoutAccents), and those words are marked in the
 * headline and snippet as the reader's own are (markedAgain). Results are ranked by
 * cover density (headline words weigh more than body words), then newest first.
 */
@Injectable()
export class SearchArticlesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(command: SearchArticlesCommand): Promise<SearchResults> {
    const rows: { id: string; rank: number; headline: string; snippet: string; search_headline: string | null; search_text: string | null; total: string }[] = await this.dataSource.query(
      `WITH queries AS (
         SELECT config, websearch_to_tsquery(config::regconfig, $1) || websearch_to_tsquery(config::regconfig, $8) AS query FROM unnest($2::text[]) AS config
       )
       SELECT a.id,
              ts_rank_cd(a.search_document, q.query) AS rank,
              ${HIGHLIGHTS},
              a.search_headline,
              a.search_text,
              count(*) OVER () AS total
         FROM articles a JOIN queries q ON a.search_config = q.config
        WHERE a.status = 'published' AND a.search_document @@ q.query
        ORDER BY rank DESC, a.published_at DESC, a.id
        LIMIT $5 OFFSET $6`,
      [toSearchQuery(command.text), ALL_TEXT_SEARCH_CONFIGS, HEADLINE_OPTIONS, SNIPPET_OPTIONS, command.limit, command.offset, ANGLE_OPEN + ANGLE_CLOSE, toFoldedSearchQuery(command.text)],
    );
    if (rows.length === 0) return { items: [], total: command.offset === 0 ? 0 : await this.count(command) };
    await this.markedAgain(command, rows);
    const entities = await this.dataSource.getRepository(ArticleEntity).findBy({ id: In(rows.map((row) => row.id)) });
    const byId = new Map(entities.map((entity) => [entity.id, toPublicArticle(entity)]));
    const items = rows.flatMap((row) => {
      const article = byId.get(row.id);
      return article && article.status === 'published' ? [{ article, headline: fromSearchText(row.headline), snippet: fromSearchText(withEllipses(row.snippet, row.search_text ?? '')), rank: Number(row.rank) }] : [];
    });
    return { items, total: Number(rows[0].total) };
  }

  /**
   * Marks, in place, the words each row was found by only without their accents ("Gdańsk" for
   * "gdansk"; wordsFoundWithoutAccents): the headline and snippet are made again with those words
   * added to the query, which also lets the snippet be cut around them. One statement for the
   * page, and only when some row has such words: most searches, typed as the text is written,
   * make none.
   */
  private async markedAgain(command: SearchArticlesCommand, rows: { id: string; headline: string; snippet: string; search_headline: string | null; search_text: string | null }[]): Promise<void> {
    const found = rows.flatMap((row) => {
      const words = wordsFoundWithoutAccents(command.text, [row.search_headline ?? '', row.search_text ?? '']);
      return words.length > 0 ? [{ row, words: words.join(' or ') }] : [];
    });
    if (found.length === 0) return;
    const again: { id: string; headline: string; snippet: string }[] = await this.dataSource.query(
      `SELECT a.id, ${HIGHLIGHTS}
         FROM unnest($1::uuid[], $2::text[]) AS found(id, words)
         JOIN articles a ON a.id = found.id
        CROSS JOIN LATERAL (
          SELECT websearch_to_tsquery(a.search_config::regconfig, $5) || websearch_to_tsquery(a.search_config::regconfig, $6) || websearch_to_tsquery(a.search_config::regconfig, found.words) AS query
        ) q`,
      [found.map(({ row }) => row.id), found.map(({ words }) => words), HEADLINE_OPTIONS, SNIPPET_OPTIONS, toSearchQuery(command.text), toFoldedSearchQuery(command.text), ANGLE_OPEN + ANGLE_CLOSE],
    );
    const byId = new Map(again.map((row) => [row.id, row]));
    for (const { row } of found) {
      const marked = byId.get(row.id);
      if (!marked) continue;
      row.headline = marked.headline;
      row.snippet = marked.snippet;
    }
  }

  /** A page past the last result has no rows to carry the total; count the matches alone. */
  private async count(command: SearchArticlesCommand): Promise<number> {
    const [{ total }]: { total: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total
         FROM articles a JOIN unnest($2::text[]) AS config ON a.search_config = config
        WHERE a.status = 'published' AND a.search_document @@ (websearch_to_tsquery(config::regconfig, $1) || websearch_to_tsquery(config::regconfig, $3))`,
      [toSearchQuery(command.text), ALL_TEXT_SEARCH_CONFIGS, toFoldedSearchQuery(command.text)],
    );
    return Number(total);
  }
}
