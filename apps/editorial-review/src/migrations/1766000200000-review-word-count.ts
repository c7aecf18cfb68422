import { bodyWordCount, type ArticleContent } from '@newsroom/contracts';
import { SqlMigration } from '@newsroom/persistence';
import type { QueryRunner } from 'typeorm';

/**
 * The length of each story's current revision in words (bodyWordCount: the count the desk's
 * editor shows the reporter), kept beside its headline and check counts so the queue can show
 * it without reading every text. Up counts the current revision of every review there is.
 */
export class ReviewWordCount1766000200000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE review_items ADD COLUMN word_count int NOT NULL DEFAULT 0`];

  protected readonly downStatements = [`ALTER TABLE review_items DROP COLUMN word_count`];

  override async up(queryRunner: QueryRunner): Promise<void> {
    await super.up(queryRunner);
    const rows: { article_id: string; article: ArticleContent }[] = await queryRunner.query(
      `SELECT i.article_id, s.article FROM review_items i JOIN review_submissions s ON s.article_id = i.article_id AND s.revision = i.current_revision`,
    );
    for (const { article_id, article } of rows) {
      await queryRunner.query(`UPDATE review_items SET word_count = $2 WHERE article_id = $1`, [article_id, bodyWordCount(article.body, article.language)]);
    }
  }
}
