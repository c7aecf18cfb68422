import { testPublicArticle, testSite } from '../../../test/test-articles';
import type { JsonFeed } from '../feeds/json-feed';
import { renderFeed, siteFeedScope } from '../feeds/syndication-feeds';
import { renderArticlePage } from './article-page';
import { renderFrontPage } from './listing-pages';

const LOGO = 'https://cdn.example.org/newsroom-logo.png';
const feedSite = { name: 'Newsroom', language: 'en', timeZone: 'UTC', sectionLabel: (slug: string) => slug };
const now = new Date('2025-11-22T09:00:00Z');

describe('the publisher’s logo (SITE_LOGO_URL)', () => {
  it('stands in the masthead for the name, which becomes its text alternative', () => {
    const page = renderFrontPage([testPublicArticle()], testSite({ logoUrl: LOGO }), { page: 1, pageSize: 30, total: 1, path: '/' });
    expect(page).toContain(`<a class="brand" href="/"><img class="brand-logo" src="${LOGO}" alt="Newsroom"></a>`);
  });

  it('leaves the name in type without one', () => {
    expect(renderArticlePage(testPublicArticle(), testSite())).toContain('<a class="brand" href="/">Newsroom</a>');
  });

  it('is the JSON Feed’s icon, and absent without one', () => {
    const feed = (logoUrl?: string) =>
      JSON.parse(renderFeed('json', siteFeedScope({ ...feedSite, logoUrl }), [testPublicArticle()], 'https://news.example.org', now)) as JsonFeed;
    expect(feed(LOGO).icon).toBe(LOGO);
    expect(feed()).not.toHaveProperty('icon');
  });

  it('is the NewsArticle publisher’s logo', () => {
    const page = renderArticlePage(testPublicArticle(), testSite({ logoUrl: LOGO }));
    const data = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '{}') as { publisher: unknown };
    expect(data.publisher).toEqual({ '@type': 'Organization', name: 'Newsroom', url: 'https://news.example.org', logo: { '@type': 'ImageObject', url: LOGO } });
  });

  it('is the RSS image and the Atom logo', () => {
    const site = { ...feedSite, logoUrl: LOGO };
    const rss = renderFeed('rss', siteFeedScope(site), [testPublicArticle()], 'https://news.example.org', now);
    expect(rss).toMatch(new RegExp(`<image>\\s*<title>Newsroom</title>\\s*<url>${LOGO}</url>`));
    expect(renderFeed('atom', siteFeedScope(site), [testPublicArticle()], 'https://news.example.org', now)).toContain(`<logo>${LOGO}</logo>`);
    expect(renderFeed('rss', siteFeedScope({ ...site, logoUrl: undefined }), [testPublicArticle()], 'https://news.example.org', now)).not.toContain('<image>');
  });
});
