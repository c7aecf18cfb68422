import { SNIPPET_MARK_END as END, SNIPPET_MARK_START as START } from '../../articles/domain/search-document';
import { scriptRisks } from '../../../test/html-safety';
import { testPublicArticle, testSite } from '../../../test/test-articles';
import type { SiteContext } from './layout';
import { highlightSnippet, renderSearchPage, stripMarks } from './search-page';

const site: SiteContext = testSite();

describe(highlightSnippet.name, () => {
  it('wraps the marked words in <mark> and escapes all text, marked or not', () => {
    expect(highlightSnippet(`The <b>council</b> ${START}voted${END} 7 & 2, ${START}<img src=x>${END}`).value).toBe(
      'The &lt;b&gt;council&lt;/b&gt; <mark>voted</mark> 7 &amp; 2, <mark>&lt;img src=x&gt;</mark>',
    );
  });

  it('drops a mark left open, rather than leaving an element open', () => {
    expect(highlightSnippet(`one ${START}two`).value).toBe('one two');
  });

  it('gives plain text without marks for the API', () => {
    expect(stripMarks(`a ${START}b${END} c`)).toBe('a b c');
  });
});

describe(renderSearchPage.name, () => {
  const hit = { article: testPublicArticle(), headline: `Harbour ${START}council${END}`, snippet: `The ${START}council${END} voted`, rank: 0.5 };

  it('lists hits with highlighted headline and passage, keeps the words in the search box, and is not indexed', () => {
    const page = renderSearchPage('council "<script>', [hit], site, { page: 1, pageSize: 20, total: 1, path: '/search', params: { q: 'council' } });
    expect(page).toContain('<a href="/articles/harbour-council-approves-night-time-crane-ban">Harbour <mark>council</mark></a>');
    expect(page).toContain('<p class="search-snippet">The <mark>council</mark> voted</p>');
    expect(page).toContain('value="council &quot;&lt;script&gt;"');
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toContain('1 story');
    expect(scriptRisks(page)).toEqual([]);
  });

  it('isolates the reader\'s words in the title, so an override character cannot reorder the tab\'s title', () => {
    const page = renderSearchPage('\u202Egnorw', [], site, { page: 1, pageSize: 20, total: 0, path: '/search' });
    expect(page).toMatch(/<title>Results for “\u2068\u202Egnorw\u2069” \| /);
  });

  it('says when nothing matches, and shows only the box without a query', () => {
    expect(renderSearchPage('zzz', [], site, { page: 1, pageSize: 20, total: 0, path: '/search' })).toContain('No stories match “<bdi>zzz</bdi>”');
    expect(renderSearchPage('', [], site, { page: 1, pageSize: 20, total: 0, path: '/search' })).toContain('Search every story we have published.');
  });

  it('pages through results keeping the query in the links', () => {
    const page = renderSearchPage('council', [hit], site, { page: 2, pageSize: 20, total: 45, path: '/search', params: { q: 'council' } });
    expect(page).toContain('<link rel="prev" href="/search?q=council">');
    expect(page).toContain('<link rel="next" href="/search?q=council&amp;page=3">');
  });
});
