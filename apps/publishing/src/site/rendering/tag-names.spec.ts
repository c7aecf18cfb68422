import { testContent, testPublicArticle, testSite } from '../../../test/test-articles';
import { elementsNamed as find, parseXml, textOf as text } from '../../../test/xml';
import { renderFeed, siteFeedScope, storyListFeedScope } from '../feeds/syndication-feeds';
import { toArticleSummary, toArticleView } from '../transport/article-api.views';
import { renderArticlePage } from './article-page';
import { tagName } from './labels';
import { namedStoryList, renderStoryListPage } from './listing-pages';

const BASE = 'https://news.example.org';
const site = testSite({ now: new Date('2025-11-22T09:00:00Z'), alertsUrl: 'https://alerts.example' });
const FEED_SITE = { name: 'Newsroom', language: 'en', timeZone: 'UTC', sectionLabel: (slug: string) => slug };

/** A story tagged as a Polish and a Ukrainian desk would type it, and with one tag typed as its slug. */
const typed = testPublicArticle({
  content: testContent({
    tags: ['gdansk-street', 'kiyiv', 'ports', 'noise-pollution'],
    tagLabels: { 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ', 'noise-pollution': 'noise pollution' },
  }),
});
/** The same tags without labels: as every story published before labels were kept. */
const untyped = testPublicArticle({ content: testContent({ tags: ['gdansk-street', 'kiyiv', 'ports'] }) });

describe(tagName.name, () => {
  it('shows a tag in the words it was typed as, else in its slug\'s words', () => {
    expect(tagName('gdansk-street', { 'gdansk-street': 'Gdańsk Street' })).toBe('Gdańsk Street');
    expect(tagName('kiyiv', { kiyiv: 'Київ' })).toBe('Київ');
    expect(tagName('iphone', { iphone: 'iPhone' })).toBe('iPhone');
    expect(tagName('gdansk-street', undefined)).toBe('Gdansk street');
    expect(tagName('ports', {})).toBe('Ports');
  });

  it('starts a label typed all in lower case with a capital, as a slug\'s words do', () => {
    expect(tagName('noise-pollution', { 'noise-pollution': 'noise pollution' })).toBe('Noise pollution');
    expect(tagName('lodz', { lodz: 'łódź' })).toBe('Łódź');
    expect(tagName('東京', { '東京': '東京' })).toBe('東京');
  });
});

describe('tags on the site', () => {
  it('lists the story\'s topics in their typed words, linked by slug', () => {
    const page = renderArticlePage(typed, site, [], 0);
    expect(page).toContain('<a href="/tags/gdansk-street"><bdi>Gdańsk Street</bdi></a>');
    expect(page).toContain('<a href="/tags/kiyiv"><bdi>Київ</bdi></a>');
    expect(page).toContain('<a href="/tags/ports"><bdi>Ports</bdi></a>');
    expect(page).toContain('<a href="/tags/noise-pollution"><bdi>Noise pollution</bdi></a>');
    expect(page).toContain('<meta property="article:tag" content="Gdańsk Street">');
    expect(page).toContain('"keywords":"Gdańsk Street, Київ, Ports, Noise pollution"');
  });

  it('keeps showing a story without labels by its slugs\' words', () => {
    const page = renderArticlePage(untyped, site, [], 0);
    expect(page).toContain('<a href="/tags/gdansk-street"><bdi>Gdansk street</bdi></a>');
    expect(page).toContain('<a href="/tags/kiyiv"><bdi>Kiyiv</bdi></a>');
  });

  it('names a tag page and its feeds as the newest story types the tag', () => {
    const named = namedStoryList({ kind: 'tag', tag: 'kiyiv' }, typed);
    expect(named).toEqual({ kind: 'tag', tag: 'kiyiv', name: 'Київ' });
    const page = renderStoryListPage(named, [typed], site, { page: 1, pageSize: 30, total: 1, path: '/tags/kiyiv' });
    expect(page).toMatch(/<title>Київ \|/);
    expect(page).toContain('<h1 class="section-title"><bdi>Київ</bdi></h1>');
    // Readers can follow the topic from its page: ticked in the signup box, by its words.
    expect(page).toContain('<input type="checkbox" name="tags" value="kiyiv" checked> <bdi>Київ</bdi>');
    expect(storyListFeedScope(named, FEED_SITE).title).toBe('Newsroom: Київ');
    expect(namedStoryList({ kind: 'tag', tag: 'kiyiv' }, untyped)).toEqual({ kind: 'tag', tag: 'kiyiv', name: 'Kiyiv' });
    expect(namedStoryList({ kind: 'tag', tag: 'kiyiv' }, undefined)).toEqual({ kind: 'tag', tag: 'kiyiv' });
  });

  it('names an author page after the byline behind its slug', () => {
    expect(namedStoryList({ kind: 'author', slug: 'olena-kravets', name: 'olena-kravets' }, typed)).toMatchObject({ name: 'Olena Kravets' });
  });

  it('gives feeds the typed words: RSS and Atom categories with the slug as term, JSON Feed tags', () => {
    const rss = parseXml(renderFeed('rss', siteFeedScope(FEED_SITE), [typed], BASE, new Date()));
    expect(find(rss, 'category').map((category) => text(category))).toEqual(['Politics', 'Gdańsk Street', 'Київ', 'Ports', 'Noise pollution']);
    const atom = parseXml(renderFeed('atom', siteFeedScope(FEED_SITE), [typed], BASE, new Date()));
    expect(find(atom, 'category').map((category) => [category.attributes?.term, category.attributes?.label])).toContainEqual(['kiyiv', 'Київ']);
    const json = JSON.parse(renderFeed('json', siteFeedScope(FEED_SITE), [typed], BASE, new Date())) as { items: { tags: string[] }[] };
    expect(json.items[0].tags).toEqual(['Politics', 'Gdańsk Street', 'Київ', 'Ports', 'Noise pollution']);
  });

  it('names the ninjs subjects in the typed words, coded by slug, and serves the labels with the article', () => {
    expect(toArticleSummary(typed, BASE).subject).toEqual([
      { name: 'Politics', code: 'section:politics' },
      { name: 'Gdańsk Street', code: 'tag:gdansk-street' },
      { name: 'Київ', code: 'tag:kiyiv' },
      { name: 'Ports', code: 'tag:ports' },
      { name: 'Noise pollution', code: 'tag:noise-pollution' },
    ]);
    expect(toArticleSummary(typed, BASE).tags).toEqual(['gdansk-street', 'kiyiv', 'ports', 'noise-pollution']);
    expect(toArticleView(typed, BASE).article?.tagLabels).toEqual({ 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ', 'noise-pollution': 'noise pollution' });
  });
});
