import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArticleContent, validatePlain } from '@newsroom/contracts';

/** A complete sample article as a client would send it (plain JSON). */
export function sampleArticle(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.resolve(__dirname, '../../../tools/seed/articles/03-bakery-chain-four-day-week.json'), 'utf8')) as Record<string, unknown>;
}

/** The sample article with `overrides`, validated like the HTTP layer does, so tests see the same instances. */
export function article(overrides: Record<string, unknown> = {}): ArticleContent {
  const result = validatePlain(ArticleContent, { ...sampleArticle(), ...overrides });
  if (!result.ok) throw new Error(`invalid test article: ${JSON.stringify(result.issues)}`);
  return result.value;
}
