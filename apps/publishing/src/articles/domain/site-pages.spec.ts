import { testContent } from '../../../test/test-articles';
import { changedPages, type PublicFootprint } from './site-pages';

const BASE = 'https://news.example.org';
const nothing: PublicFootprint = { slug: null, listed: null };
const live = (fields: Record<string, unknown> = {}): PublicFootprint => ({
  slug: 'ferry-timetable',
  listed: testContent({ section: 'politics', tags: ['ports'], bylines: [{ name: 'Olena Kravets' }], ...fields }),
});
const paths = (urls: string[]) => urls.map((url) => url.slice(BASE.length));

describe(changedPages.name, () => {
  it('lists the article, the site-wide pages and every list it appears on with its feeds, for a first publication', () => {
    expect(paths(changedPages(BASE, nothing, live()))).toEqual([
      '/articles/ferry-timetable',
      '/',
      '/feeds/rss.xml',
      '/feeds/atom.xml',
      '/feeds/feed.json',
      '/sitemap.xml',
      '/sitemaps/pages.xml',
      '/sitemaps/news.xml',
      '/sections/politics',
      '/sections/politics/feeds/rss.xml',
      '/sections/politics/feeds/atom.xml',
      '/sections/politics/feeds/feed.json',
      '/tags/ports',
      '/tags/ports/feeds/rss.xml',
      '/tags/ports/feeds/atom.xml',
      '/tags/ports/feeds/feed.json',
      '/authors/olena-kravets',
      '/authors/olena-kravets/feeds/rss.xml',
      '/authors/olena-kravets/feeds/atom.xml',
      '/authors/olena-kravets/feeds/feed.json',
    ]);
  });

  it('lists the lists of both texts when an update moves the story, each once', () => {
    const urls = paths(changedPages(BASE, live(), live({ section: 'world', tags: ['ports', 'ferries'] })));
    expect(urls).toEqual(expect.arrayContaining(['/sections/politics', '/sections/world', '/tags/ports', '/tags/ferries', '/tags/ferries/feeds/feed.json']));
    expect(urls.filter((url) => url === '/tags/ports')).toHaveLength(1);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('keeps the page and the lists a withdrawn or killed story leaves, and adds the corrections log when asked', () => {
    const urls = paths(changedPages(BASE, live(), { slug: 'ferry-timetable', listed: null }, { corrections: true }));
    expect(urls[0]).toBe('/articles/ferry-timetable');
    expect(urls).toEqual(expect.arrayContaining(['/sections/politics', '/authors/olena-kravets', '/corrections']));
    expect(paths(changedPages(BASE, nothing, live()))).not.toContain('/corrections');
  });
});

