import { testContent, testPublicArticle, testSite } from '../../../test/test-articles';
import { scriptRisks } from '../../../test/html-safety';
import { expectFragments } from '../../../test/page-fragments';
import { renderCorrectionsPage } from './corrections-page';
import type { SiteContext } from './layout';
import { renderFrontPage, renderStoryListPage } from './listing-pages';
import type { Paging } from './pagination';
import { renderNotFoundPage, renderWithdrawnPage } from './notice-pages';

const now = new Date('2025-11-22T09:00:00Z');
const site: SiteContext = testSite({ now });

const first = (total: number, path = '/'): Paging => ({ page: 1, pageSize: 30, total, path });

function story(n: number, overrides: Parameters<typeof testPublicArticle>[0] = {}) {
  return testPublicArticle({
    id: `id-${n}`,
    slug: `story-${n}`,
    content: testContent({ headline: `Story ${n} <b>`, section: n % 2 ? 'politics' : 'climate' }),
    publishedAt: new Date(now.getTime() - n * 3600_000),
    ...overrides,
  });
}

describe('renderFrontPage', () => {
  it('leads with a recent breaking story and flags it', () => {
    const articles = [story(1), story(2, { priority: 'breaking' }), story(3)];
    const page = renderFrontPage(articles, site, first(articles.length));
    const lead = /<article class="card card-lead card-breaking"[^>]*>[\s\S]*?<\/article>/.exec(page)?.[0] ?? '';
    expect(lead).toContain('<span class="badge">Breaking</span>');
    expect(lead).toContain('Story 2 &lt;b&gt;');
    expect(page).toContain('<time datetime="2025-11-22T08:00:00.000Z">1 hour ago</time>');
    expect(scriptRisks(page)).toEqual([]);
  });

  it('leads with the newest story when breaking news is more than a day old', () => {
    const page = renderFrontPage([story(1), story(30, { priority: 'breaking' })], site, first(2));
    expect(/<article class="card card-lead"[^>]*>[\s\S]*?<\/article>/.exec(page)?.[0]).toContain('Story 1');
    expect(page).toContain('card-breaking');
  });

  it('lists every story it is given, in sections of the page', () => {
    const articles = Array.from({ length: 9 }, (_, i) => story(i + 1));
    const page = renderFrontPage(articles, site, first(articles.length));
    for (let i = 1; i <= 9; i += 1) expect(page).toContain(`href="/articles/story-${i}"`);
    expect(page).toContain('<h2 id="latest-heading" class="rule-heading">Latest</h2>');
  });

  it('says so when nothing is published', () => {
    expect(renderFrontPage([], site, first(0))).toContain('Nothing has been published yet.');
  });
});

describe('renderFrontPage, further pages', () => {
  it('lists older stories in a grid and links the neighbouring pages with rel=prev/next', () => {
    const page = renderFrontPage([story(31), story(32)], site, { page: 2, pageSize: 30, total: 95, path: '/' });
    expect(page).not.toContain('card-lead');
    expectFragments(page, [
      '<link rel="prev" href="/">',
      '<link rel="next" href="/?page=3">',
      '<a class="pagination-prev" rel="prev" href="/">',
      '<a class="pagination-next" rel="next" href="/?page=3">',
      'Page 2 of 4',
      '<link rel="canonical" href="https://news.example.org/?page=2">',
    ]);
  });

  it('has no pagination when everything fits on one page', () => {
    const page = renderFrontPage([story(1)], site, first(1));
    expect(page).not.toContain('rel="next"');
    expect(page).not.toContain('rel="prev"');
  });
});

describe('renderStoryListPage', () => {
  it('titles a section page with the section and links its feeds', () => {
    const page = renderStoryListPage({ kind: 'section', section: 'politics' }, [story(1), story(3)], site, first(2, '/sections/politics'));
    expect(page).toContain('<h1 class="section-title">Politics</h1>');
    expect(page).toContain('href="/sections/politics/feeds/rss.xml"');
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Newsroom: Politics (Atom)" href="/sections/politics/feeds/atom.xml">');
    expect(page).toContain('<link rel="canonical" href="https://news.example.org/sections/politics">');
  });

  it('links the site-wide feeds in all three formats, once each, beside the list\'s own', () => {
    const page = renderStoryListPage({ kind: 'section', section: 'politics' }, [story(1)], site, first(1, '/sections/politics'));
    for (const [type, file, format] of [['application/feed+json', 'feed.json', 'JSON Feed'], ['application/rss+xml', 'rss.xml', 'RSS'], ['application/atom+xml', 'atom.xml', 'Atom']]) {
      expect(page.split(`<link rel="alternate" type="${type}" title="Newsroom (${format})" href="/feeds/${file}">`)).toHaveLength(2);
      expect(page).toContain(`<link rel="alternate" type="${type}" title="Newsroom: Politics (${format})" href="/sections/politics/feeds/${file}">`);
    }
    // a feed reader offers each link as one choice: no two titles alike
    const titles = [...page.matchAll(/<link rel="alternate"[^>]* title="([^"]*)"/g)].map(([, title]) => title);
    expect(titles).toHaveLength(6);
    expect(new Set(titles).size).toBe(6);
  });

  it('names a tag page after the tag and an author page after the author, with their feeds', () => {
    const tag = renderStoryListPage({ kind: 'tag', tag: 'noise-pollution' }, [story(1)], site, first(1, '/tags/noise-pollution'));
    expect(tag).toContain('<h1 class="section-title"><bdi>Noise pollution</bdi></h1>');
    expect(tag).toContain('href="/tags/noise-pollution/feeds/feed.json"');
    const author = renderStoryListPage({ kind: 'author', slug: 'olena-kravets', name: 'Olena <Kravets>' }, [story(1)], site, first(1, '/authors/olena-kravets'));
    expect(author).toContain('<h1 class="section-title"><bdi>Olena &lt;Kravets&gt;</bdi></h1>');
    expect(author).toContain('href="/authors/olena-kravets/feeds/rss.xml"');
    expect(scriptRisks(author)).toEqual([]);
  });

  it('keeps page 3 of a tag at its own address', () => {
    const page = renderStoryListPage({ kind: 'tag', tag: 'ports' }, [story(61)], site, { page: 3, pageSize: 30, total: 61, path: '/tags/ports' });
    expect(page).toContain('<link rel="canonical" href="https://news.example.org/tags/ports?page=3">');
    expect(page).toContain('<link rel="prev" href="/tags/ports?page=2">');
    expect(page).not.toContain('rel="next"');
  });
});

describe('link previews of lists', () => {
  it('describe the front page and a section page as the website they belong to, with their own title and address', () => {
    const front = renderFrontPage([story(1)], testSite({ now, logoUrl: 'https://news.example.org/logo.png' }), first(1));
    expectFragments(front, [
      '<meta property="og:type" content="website">',
      '<meta property="og:site_name" content="Newsroom">',
      '<meta property="og:title" content="Newsroom">',
      '<meta property="og:url" content="https://news.example.org/">',
      '<meta property="og:image" content="https://news.example.org/logo.png">',
      '<meta name="twitter:card" content="summary">',
    ]);
    const section = renderStoryListPage({ kind: 'section', section: 'politics' }, [story(1)], testSite({ now, language: 'en-GB' }), first(1, '/sections/politics'));
    expectFragments(section, [
      '<meta property="og:title" content="Politics | Newsroom">',
      '<meta property="og:description" content="Politics | The latest news from Newsroom.">',
      '<meta property="og:url" content="https://news.example.org/sections/politics">',
      '<meta property="og:locale" content="en_GB">',
    ]);
    expect(section).not.toContain('og:image');
    expect(section.match(/property="og:type"/g)).toHaveLength(1);
  });

  it('are left to the page itself on the notice pages', () => {
    expect(renderNotFoundPage(site)).not.toContain('og:type');
  });
});

describe('renderCorrectionsPage', () => {
  it('lists corrections with their article, and withdrawn articles without a link', () => {
    const page = renderCorrectionsPage(
      [
        { articleId: 'a', headline: 'Live <story>', slug: 'live-story', note: 'Fixed a <name>.', correctedAt: now, withdrawn: false },
        { articleId: 'b', headline: 'Gone', slug: 'gone', note: 'Fixed a date.', correctedAt: now, withdrawn: true },
      ],
      site,
      { page: 1, pageSize: 50, total: 2, path: '/corrections' },
    );
    expect(page).toContain('<a href="/articles/live-story"><bdi>Live &lt;story&gt;</bdi></a>');
    expect(page).toContain('Fixed a &lt;name&gt;.');
    expect(page).not.toContain('href="/articles/gone"');
    expect(page).toContain('<bdi>Gone</bdi> <span class="withdrawn-label">(withdrawn)</span>');
    expect(page).not.toContain('class="pagination"');
  });

  it('links the newer and older pages of a long log, and names the page in its title and canonical address', () => {
    const entry = { articleId: 'a', headline: 'Live', slug: 'live', note: 'Fixed.', correctedAt: now, withdrawn: false };
    const page = renderCorrectionsPage([entry], site, { page: 2, pageSize: 50, total: 120, path: '/corrections' });
    expect(page).toContain('<a class="pagination-prev" rel="prev" href="/corrections">← Newer corrections</a>');
    expect(page).toContain('<a class="pagination-next" rel="next" href="/corrections?page=3">Older corrections →</a>');
    expect(page).toContain('Page 2 of 3');
    expect(page).toMatch(/<link rel="canonical" href="[^"]+\/corrections\?page=2">/);
  });
});

describe('notice pages', () => {
  it('are not indexed', () => {
    expect(renderNotFoundPage(site)).toContain('<meta name="robots" content="noindex">');
    const withdrawn = renderWithdrawnPage(site, new Date('2025-11-21T10:00:00Z'));
    expect(withdrawn).toContain('This article has been withdrawn');
    expect(withdrawn).toContain('21 November 2025');
  });
});

describe('right-to-left stories in a list', () => {
  it('give each card the direction of its own language, inside a page in the interface language', () => {
    const arabic = story(1, { content: testContent({ headline: 'افتتاح خط حافلات ليلي', language: 'ar' }) });
    const page = renderFrontPage([arabic, story(2)], site, first(2));
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toMatch(/<article class="card card-lead" lang="ar" dir="rtl">[\s\S]*?افتتاح خط حافلات ليلي/);
    expect(page).toMatch(/<article class="card card-standard" lang="en" dir="ltr">/);
  });
});

describe('the navigation', () => {
  it('lists the managed sections in their order with their names, and no other section', () => {
    const managed = testSite({ now, sections: [{ slug: 'world', label: 'World' }, { slug: 'politics', label: 'Politics & power' }] });
    const page = renderFrontPage([story(1), story(2)], managed, first(2));
    const nav = /<nav class="section-nav"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? '';
    expect([...nav.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((match) => [match[1], match[2]])).toEqual([
      ['/', 'Home'],
      ['/sections/world', 'World'],
      ['/sections/politics', 'Politics &amp; power'],
    ]);
    expect(nav).not.toContain('climate');
  });
});
