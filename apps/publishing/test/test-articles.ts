import { ArticleContent, exampleArticle, validatePlain, type ArticleBlockType } from '@newsroom/contracts';
import type { PublicArticle } from '../src/articles/use-cases/read-articles/public-article';
import type { SiteContext } from '../src/site/rendering/layout';

/**
 * A closing paragraph with the inline markup the pages render (emphasis and a link), which
 * the contracts' example article does not need.
 */
const CLOSING_PARAGRAPH = { type: 'paragraph', text: 'The ban starts in _March_. Read [the order](https://example.org/order).' };

/**
 * The contracts' example article (one block of every type) with publishing's closing
 * paragraph, as validated content; `overrides` replace whole top-level fields.
 */
export function testContent(overrides: Record<string, unknown> = {}): ArticleContent {
  const example = exampleArticle();
  const plain = { ...example, body: [...(example.body as unknown[]), CLOSING_PARAGRAPH], ...overrides };
  const result = validatePlain(ArticleContent, plain);
  if (!result.ok) throw new Error(`invalid test article: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/**
 * The example article's body (one block of every type, in its order) with some fields of
 * each block replaced, for content such as `testContent({ body: exampleBodyWith(…) })`. A
 * replacement is due for every block type, so a type the example gains is not silently left
 * out of a spec about all of them.
 */
export function exampleBodyWith(replacements: Record<ArticleBlockType, Record<string, unknown>>): Record<string, unknown>[] {
  return (exampleArticle().body as { type: ArticleBlockType }[]).map((block) => ({ ...block, ...replacements[block.type] }));
}

export const TEST_ARTICLE_ID = '2f0c7d3e-5b1a-4c6f-9e8d-7a6b5c4d3e2f';

export function testPublicArticle(overrides: Partial<PublicArticle> = {}): PublicArticle {
  return {
    id: TEST_ARTICLE_ID,
    slug: 'harbour-council-approves-night-time-crane-ban',
    status: 'published',
    revision: 3,
    version: 1,
    content: testContent(),
    priority: 'normal',
    publishedAt: new Date('2025-11-21T08:30:00Z'),
    updatedAt: new Date('2025-11-21T08:30:00Z'),
    revisedAt: null,
    correctedAt: null,
    withdrawal: null,
    corrections: [],
    ...overrides,
  };
}

/** A site's settings for rendering specs: Newsroom, English, UTC, one section in the navigation. */
export function testSite(overrides: Partial<SiteContext> = {}): SiteContext {
  return {
    publicBaseUrl: 'https://news.example.org',
    name: 'Newsroom',
    language: 'en',
    timeZone: 'UTC',
    sections: [{ slug: 'politics', label: 'Politics' }],
    now: new Date('2025-11-22T09:00:00Z'),
    ...overrides,
  };
}
