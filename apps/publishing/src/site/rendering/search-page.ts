import { textDirection } from '@newsroom/contracts';
import { articlePath, sectionPath } from '../../articles/domain/public-urls';
import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '../../articles/domain/search-document';
import type { SearchHit } from '../../articles/use-cases/search-articles/search-articles.query';
import { html, type SafeHtml } from '@newsroom/html';
import { chromeOf } from './chrome';
import { joinNames } from './labels';
import { labelsOf, renderPage, sectionLabel, type SiteContext } from './layout';
import { neighbours, renderPagination, type Paging } from './pagination';
import { formatRelativeTime } from './time-format';

/**
 * A search snippet as HTML: the text escaped, the matched words in `<mark>`. The marks come
 * from PostgreSQL's ts_headline as two private-use characters that searchable text never
 * contains, so no text of the article can open or close an element.
 */
export function highlightSnippet(snippet: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let rest = snippet;
  for (;;) {
    const start = rest.indexOf(SNIPPET_MARK_START);
    if (start === -1) break;
    const end = rest.indexOf(SNIPPET_MARK_END, start + 1);
    if (end === -1) break;
    parts.push(html`${rest.slice(0, start)}<mark>${rest.slice(start + 1, end)}</mark>`);
    rest = rest.slice(end + 1);
  }
  parts.push(html`${stripMarks(rest)}`);
  return html`${parts}`;
}

/** The snippet as plain text, marks removed. */
export function stripMarks(snippet: string): string {
  return snippet.split(SNIPPET_MARK_START).join('').split(SNIPPET_MARK_END).join('');
}

/**
 * `/search?q=`: the results, best match first, each with its headline and a passage where
 * the words occur, highlighted. Without a query it shows the search box alone. Not indexed
 * by search engines (robots.txt and a robots meta tag).
 */
export function renderSearchPage(query: string, hits: SearchHit[], site: SiteContext, paging: Paging): string {
  const labels = labelsOf(site);
  const chrome = chromeOf(site);
  const results =
    query === ''
      ? html`<p class="section-intro">${labels.searchPrompt}</p>`
      : hits.length === 0
        ? html`<p class="empty-state">${chrome.fill(labels.searchNothingFound, query)}</p>`
        : html`<p class="search-count">${labels.searchResultCount(paging.total)}</p>
<ol class="search-results" start="${(paging.page - 1) * paging.pageSize + 1}">${hits.map((hit) => searchResult(hit, site))}</ol>`;
  const main = html`<header class="section-header">
<h1 class="section-title">${query === '' ? labels.search : chrome.fill(labels.searchResultsFor, query)}</h1>
</header>
${results}
${renderPagination(paging, { prev: labels.previousResults, next: labels.moreResults, pageOf: labels.pageOf })}`;
  return renderPage(
    { ...site, searchText: query },
    { title: `${query === '' ? labels.search : labels.searchResultsFor(isolated(query))} | ${site.name}`, robots: 'noindex', bodyClass: 'page-search', ...neighbours(paging) },
    main,
  );
}

function searchResult(hit: SearchHit, site: SiteContext): SafeHtml {
  const { article } = hit;
  const { content } = article;
  const labels = labelsOf(site);
  const chrome = chromeOf(site);
  return html`<li class="search-result" lang="${content.language}" dir="${textDirection(content.language)}">
<p class="kicker"${chrome.attrs}><a href="${sectionPath(content.section)}">${sectionLabel(site, content.section)}</a></p>
<h2 class="card-headline"><a href="${articlePath(article.slug)}">${highlightSnippet(hit.headline)}</a></h2>
<p class="search-snippet">${highlightSnippet(hit.snippet)}</p>
<p class="card-meta"${chrome.attrs}><span class="card-byline">${chrome.value(joinNames(content.bylines.map((b) => b.name), labels.and), content.language)}</span> <time datetime="${article.publishedAt.toISOString()}">${formatRelativeTime(article.publishedAt, site.now, site.language)}</time></p>
</li>`;
}

/**
 * The reader's words inside a title, which can hold no markup (the heading uses <bdi>): between
 * FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode UAX #9), so right-to-left words or a
 * stray override character cannot reorder the rest of the tab's title.
 */
function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
