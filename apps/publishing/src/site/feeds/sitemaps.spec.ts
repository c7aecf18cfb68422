import { xml2js, type Element } from 'xml-js';
import { testContent, testPublicArticle } from '../../../test/test-articles';
import { newsLanguage, renderNewsSitemap, renderSitemap } from './sitemaps';

const BASE = 'https://news.example.org';
const now = new Date('2025-11-22T09:00:00Z');

function urls(xml: string): Element[] {
  const doc = xml2js(xml, { compact: false }) as Element;
  const urlset = doc.elements?.find((element) => element.name === 'urlset');
  return (urlset?.elements ?? []).filter((element) => element.name === 'url');
}

function child(element: Element, path: string[]): Element | undefined {
  return path.reduce<Element | undefined>((current, name) => current?.elements?.find((e) => e.name === name), element);
}

describe('renderSitemap', () => {
  it('lists every article with its canonical URL and last change', () => {
    const xml = renderSitemap([testPublicArticle({ slug: 'a-and-b', updatedAt: new Date('2025-11-21T10:00:00Z') })], BASE);
    const [url] = urls(xml);
    expect(child(url, ['loc'])?.elements?.[0].text).toBe(`${BASE}/articles/a-and-b`);
    expect(child(url, ['lastmod'])?.elements?.[0].text).toBe('2025-11-21T10:00:00.000Z');
  });
});

describe('renderNewsSitemap', () => {
  it('has articles from the last two days with publication name, language and escaped title', () => {
    const recent = testPublicArticle({ slug: 'recent', content: testContent({ headline: 'Fish & <chips>', language: 'en-GB' }) });
    const old = testPublicArticle({ slug: 'old', publishedAt: new Date('2025-11-19T08:00:00Z') });
    const xml = renderNewsSitemap([recent, old], BASE, now);
    expect(xml).toContain('<news:title>Fish &amp; &lt;chips&gt;</news:title>');
    const found = urls(xml);
    expect(found).toHaveLength(1);
    const news = child(found[0], ['news:news']) as Element;
    expect(child(news, ['news:publication', 'news:name'])?.elements?.[0].text).toBe('Newsroom');
    expect(child(news, ['news:publication', 'news:language'])?.elements?.[0].text).toBe('en');
    expect(child(news, ['news:publication_date'])?.elements?.[0].text).toBe('2025-11-21T08:30:00.000Z');
    expect(child(news, ['news:title'])?.elements?.[0].text).toBe('Fish & <chips>');
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
