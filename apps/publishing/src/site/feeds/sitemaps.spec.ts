import type { Readable } from 'node:stream';
import { streamToPromise } from 'sitemap';
import { xml2js, type Element } from 'xml-js';
import { testContent, testPublicArticle } from '../../../test/test-articles';
import { renderRobotsTxt } from './robots';
import { articleSitemap, listingSitemap, newsLanguage, newsSitemap, sitemapIndex } from './sitemaps';

const BASE = 'https://news.example.org';
const now = new Date('2025-11-22T09:00:00Z');

async function parse(stream: Readable): Promise<Element> {
  return xml2js((await streamToPromise(stream)).toString('utf8'), { compact: false }) as Element;
}

function entries(doc: Element, root: string, entry: string): Element[] {
  const set = doc.elements?.find((element) => element.name === root);
  return (set?.elements ?? []).filter((element) => element.name === entry);
}

function child(element: Element, path: string[]): Element | undefined {
  return path.reduce<Element | undefined>((current, name) => current?.elements?.find((e) => e.name === name), element);
}

const text = (element: Element | undefined) => element?.elements?.[0].text;

describe('sitemapIndex', () => {
  it('lists the pages sitemap, one file per chunk of articles with its last change, and the news sitemap', async () => {
    const doc = await parse(
      sitemapIndex(BASE, [{ chunk: 1, lastModified: new Date('2025-11-20T10:00:00Z') }, { chunk: 2, lastModified: new Date('2025-11-21T10:00:00Z') }], now),
    );
    const sitemaps = entries(doc, 'sitemapindex', 'sitemap');
    expect(sitemaps.map((sitemap) => text(child(sitemap, ['loc'])))).toEqual([
      `${BASE}/sitemaps/pages.xml`,
      `${BASE}/sitemaps/articles-1.xml`,
      `${BASE}/sitemaps/articles-2.xml`,
      `${BASE}/sitemaps/news.xml`,
    ]);
    expect(text(child(sitemaps[2], ['lastmod']))).toBe('2025-11-21T10:00:00.000Z');
  });
});

describe('articleSitemap', () => {
  it('streams every article it is given with its canonical URL and last change', async () => {
    async function* refs() {
      yield { slug: 'a-and-b', updatedAt: new Date('2025-11-21T10:00:00Z') };
      yield { slug: 'c', updatedAt: new Date('2025-11-21T11:00:00Z') };
    }
    const urls = entries(await parse(articleSitemap(refs(), BASE)), 'urlset', 'url');
    expect(urls.map((url) => text(child(url, ['loc'])))).toEqual([`${BASE}/articles/a-and-b`, `${BASE}/articles/c`]);
    expect(text(child(urls[0], ['lastmod']))).toBe('2025-11-21T10:00:00.000Z');
  });
});

describe('listingSitemap', () => {
  it('lists the front page and the section, tag and author pages', async () => {
    const at = new Date('2025-11-21T10:00:00Z');
    const doc = await parse(
      listingSitemap(BASE, { sections: [{ slug: 'politics', lastModified: at }], tags: [{ slug: 'ports', lastModified: at }], authors: [{ slug: 'olena-kravets', lastModified: at }] }, at),
    );
    expect(entries(doc, 'urlset', 'url').map((url) => text(child(url, ['loc'])))).toEqual([
      `${BASE}/`,
      `${BASE}/sections/politics`,
      `${BASE}/tags/ports`,
      `${BASE}/authors/olena-kravets`,
    ]);
  });
});

describe('newsSitemap', () => {
  it('has articles from the last two days with publication name, language and escaped title', async () => {
    const recent = testPublicArticle({ slug: 'recent', content: testContent({ headline: 'Fish & <chips>', language: 'en-GB' }) });
    const old = testPublicArticle({ slug: 'old', publishedAt: new Date('2025-11-19T08:00:00Z') });
    const xml = (await streamToPromise(newsSitemap([recent, old], BASE, now, 'Newsroom'))).toString('utf8');
    expect(xml).toContain('Fish &amp; &lt;chips&gt;');
    const found = entries(xml2js(xml, { compact: false }) as Element, 'urlset', 'url');
    expect(found).toHaveLength(1);
    const news = child(found[0], ['news:news']) as Element;
    expect(text(child(news, ['news:publication', 'news:name']))).toBe('Newsroom');
    expect(text(child(news, ['news:publication', 'news:language']))).toBe('en');
    expect(text(child(news, ['news:publication_date']))).toBe('2025-11-21T08:30:00.000Z');
    expect(text(child(news, ['news:title']))).toBe('Fish & <chips>');
  });

  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['uk', 'uk'],
    ['zh-TW', 'zh-tw'],
    ['zh', 'zh-cn'],
  ])('writes the language %s as %s', (language, expected) => {
    expect(newsLanguage(language)).toBe(expected);
  });
});

describe('renderRobotsTxt', () => {
  it('keeps crawlers out of search and the API and points to the sitemap index', () => {
    const robots = renderRobotsTxt(BASE);
    expect(robots.split('\n')).toEqual(expect.arrayContaining(['User-agent: *', 'Disallow: /search', 'Disallow: /v1/', `Sitemap: ${BASE}/sitemap.xml`]));
  });
});

describe('newsSitemap with characters XML 1.0 cannot carry (stored before inputs refused them)', () => {
  it('leaves them out of the titles, so the sitemap stays well-formed', async () => {
    const stored = testPublicArticle({ publishedAt: new Date('2025-11-22T08:00:00Z'), content: testContent() });
    Object.assign(stored.content, { headline: 'Crane\u0000 ban\u001D starts\uFFFE' });
    const xml = (await streamToPromise(newsSitemap([stored], BASE, now, 'News\u000Broom'))).toString('utf8');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).toContain('<news:title>Crane ban starts</news:title>');
    expect(xml).toContain('<news:name>Newsroom</news:name>');
  });
});

describe('newsSitemap without recent stories', () => {
  it('writes an empty urlset rather than failing the stream', async () => {
    const xml = (await streamToPromise(newsSitemap([], BASE, now, 'Newsroom'))).toString('utf8');
    expect(entries(xml2js(xml, { compact: false }) as Element, 'urlset', 'url')).toEqual([]);
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
  });
});
