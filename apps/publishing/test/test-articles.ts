import { ArticleContent, validatePlain } from '@newsroom/contracts';
import type { PublicArticle } from '../src/articles/use-cases/read-articles/public-article';
import type { SiteContext } from '../src/site/rendering/layout';

/** A complete, valid article with one block of every type, for tests. */
export function testContent(overrides: Record<string, unknown> = {}): ArticleContent {
  const plain = {
    headline: 'Harbour council approves night-time crane ban',
    standfirst: 'Residents won a two-year fight over noise; the port says costs will rise.',
    dateline: { place: 'Kyiv', date: '2025-11-21' },
    section: 'politics',
    tags: ['ports', 'noise-pollution'],
    bylines: [{ name: 'Olena Kravets', id: 'user-42' }, { name: 'Tom Reyes' }],
    language: 'en',
    body: [
      { type: 'paragraph', text: 'The council voted **7 to 2** on Thursday to approve the _revised_ plan.' },
      { type: 'subheading', text: 'What changes' },
      { type: 'quote', text: 'We can finally sleep.', attribution: 'A resident of Nowy Port' },
      { type: 'image', url: 'https://images.example.org/cranes.jpg', alt: 'Cranes at dusk', caption: 'The eastern quay.', credit: 'Port archive' },
      { type: 'embed', url: 'https://video.example.org/watch/4821', provider: 'ExampleVideo', title: 'The vote' },
      {
        type: 'related',
        url: 'https://example.org/news/port-expansion',
        headline: 'Port expansion approved',
        teaser: 'Earlier this year.',
        publishedAt: '2025-11-20T17:05:00Z',
      },
      { type: 'paragraph', text: 'The ban starts in March. Read [the order](https://example.org/order).' },
    ],
    ...overrides,
  };
  const result = validatePlain(ArticleContent, plain);
  if (!result.ok) throw new Error(`invalid test article: ${JSON.stringify(result.issues)}`);
  return result.value;
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
