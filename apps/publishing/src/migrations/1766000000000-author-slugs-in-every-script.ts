import type { Byline } from '@newsroom/contracts';
import { slugOf } from '@newsroom/contracts';
import { SqlMigration } from '@newsroom/persistence';
import type { QueryRunner } from 'typeorm';
import { authorSlug, SLUG_MAX_LENGTH } from '../articles/domain/slug';

/**
 * Author pages by the tag rule (authorSlug): names in a script that cannot be transliterated
 * (山田太郎, 王小明) had all been given the headline rule's fallback "article", one page for
 * every such person. The live articles' `author_slugs` are made again from their bylines;
 * down makes them by the earlier rule.
 */
export class AuthorSlugsInEveryScript1766000000000 extends SqlMigration {
  protected readonly upStatements = [];
  protected readonly downStatements = [];

  override async up(queryRunner: QueryRunner): Promise<void> {
    await rewriteAuthorSlugs(queryRunner, authorSlug);
  }

  override async down(queryRunner: QueryRunner): Promise<void> {
    await rewriteAuthorSlugs(queryRunner, (name) => slugOf(name, SLUG_MAX_LENGTH) || 'article');
  }
}

async function rewriteAuthorSlugs(queryRunner: QueryRunner, slugFor: (name: string) => string): Promise<void> {
  const rows: { id: string; bylines: Byline[] }[] = await queryRunner.query(`SELECT id, content->'bylines' AS bylines FROM articles WHERE content IS NOT NULL`);
  for (const { id, bylines } of rows) {
    await queryRunner.query(`UPDATE articles SET author_slugs = $2 WHERE id = $1`, [id, bylines.map((byline) => slugFor(byline.name))]);
  }
}
