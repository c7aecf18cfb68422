import { textDirection } from '@newsroom/contracts';
import { articlePath, articleUrl, authorPath, sectionPath, tagPath } from '../../articles/domain/public-urls';
import { authorSlug } from '../../articles/domain/slug';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { renderArticleBody } from './article-body';
import { articleDescription, articleHead } from './article-metadata';
import { chromeOf, type Chrome } from './chrome';
import { html, joinHtml, type SafeHtml } from '@newsroom/html';
import { tagName } from './labels';
import { labelsOf, renderPage, sectionLabel, timeLocaleOf, type SiteContext } from './layout';
import { shareLinks } from './share-links';
import { storyCard } from './story-card';
import { formatAbsoluteTime, formatRelativeTime } from './time-format';

/** What a page that is not the public one adds: the editors' preview (`robots` noindex, a banner). */
export interface ArticlePageOptions {
  robots?: string;
  /** Shown above the article. */
  notice?: SafeHtml;
}

/**
 * The article as readers see it on the site. `related`: its related stories
 * (RelatedArticlesQuery); `shares`: how often it was shared from its page or the API.
 */
export function renderArticlePage(article: PublicArticle, site: SiteContext, related: PublicArticle[] = [], shares = 0, options: ArticlePageOptions = {}): string {
  const { content } = article;
  const labels = labelsOf(site);
  const url = articleUrl(site.publicBaseUrl, article.slug);
  const section = sectionLabel(site, content.section);
  // Interface chrome inside the article keeps the interface's language and direction, its
  // values (names, times) isolated, so "By Layla Haddad" stays in order inside an Arabic article.
  const chrome = chromeOf(site);
  const main = html`${options.notice}<article class="article" lang="${content.language}" dir="${textDirection(content.language)}">
<header class="article-header">
<p class="kicker"${chrome.attrs}>${article.priority === 'breaking' && html`<span class="badge">${labels.breaking}</span> `}<a href="${sectionPath(content.section)}">${section}</a></p>
<h1 class="headline">${content.headline}</h1>
${content.standfirst && html`<p class="standfirst">${content.standfirst}</p>`}
<div class="article-meta"${chrome.attrs}>
<p class="byline">${labels.by} ${bylineHtml(content.bylines.map((byline) => byline.name), labels.and, chrome, content.language)}</p>
${timestamps(article, site)}
</div>
</header>
<div class="article-body">
${renderArticleBody(content, { now: site.now, locale: timeLocaleOf(site) })}
</div>
${correctionsNotice(article, site, chrome)}
<footer class="article-footer">
${content.tags.length > 0 && html`<ul class="tags" aria-label="${labels.topics}"${chrome.attrs}>${content.tags.map((tag) => html`<li><a href="${tagPath(tag)}">${chrome.value(tagName(tag, content.tagLabels))}</a></li>`)}</ul>`}
<div${chrome.attrs}>${shareBlock(article, url, shares, site)}</div>
</footer>
</article>
${related.length > 0 && html`<section class="more-stories related-stories" aria-labelledby="related-heading">
<h2 id="related-heading" class="rule-heading">${labels.relatedStories}</h2>
<div class="card-row">${related.map((other) => storyCard(other, site, 'standard'))}</div>
</section>`}`;
  return renderPage(
    site,
    {
      title: `${content.headline} | ${site.name}`,
      description: articleDescription(article),
      canonical: url,
      head: articleHead(article, site.publicBaseUrl, site.name, site.logoUrl),
      current: content.section,
      bodyClass: 'page-article',
      // Not on an editor's preview: readers sign up on the published page.
      ...(options.robots ? {} : { subscribe: { section: content.section } }),
      ...(options.robots ? { robots: options.robots } : {}),
    },
    main,
  );
}

/** Each byline links to the author's page; each name isolated in the article's language. */
function bylineHtml(names: string[], and: string, chrome: Chrome, language: string): SafeHtml {
  const authors = names.map((name) => html`<a class="author" href="${authorPath(authorSlug(name))}">${chrome.value(name, language)}</a>`);
  if (authors.length <= 1) return html`${authors}`;
  return html`${joinHtml(authors.slice(0, -1), ', ')} ${and} ${authors[authors.length - 1]}`;
}

/**
 * The first publication, absolute and relative; then "Updated …" when a newer approved
 * revision replaced the text, and "Corrected …" when an editor corrected it (both when both).
 * Times are in the site's zone and language.
 */
function timestamps(article: PublicArticle, site: SiteContext): SafeHtml {
  const labels = labelsOf(site);
  const locale = timeLocaleOf(site);
  const published = article.publishedAt;
  const stamp = (label: string, at: Date) => html`<span class="updated">${label} <time datetime="${at.toISOString()}">${formatAbsoluteTime(at, locale)}</time></span>`;
  return html`<p class="timestamps"><time datetime="${published.toISOString()}">${formatAbsoluteTime(published, locale)}</time> <span class="relative-time">${formatRelativeTime(
    published,
    site.now,
    site.language,
  )}</span>${article.revisedAt && stamp(labels.updated, article.revisedAt)}${article.correctedAt && stamp(labels.corrected, article.correctedAt)}</p>`;
}

/** The correction notes are the newsroom's words about the article, isolated in its language. */
function correctionsNotice(article: PublicArticle, site: SiteContext, chrome: Chrome): SafeHtml | null {
  if (article.corrections.length === 0) return null;
  const labels = labelsOf(site);
  return html`<aside class="corrections-notice" aria-labelledby="corrections-heading"${chrome.attrs}>
<h2 id="corrections-heading">${article.corrections.length === 1 ? labels.correction : labels.correctionsHeading}</h2>
<ul>${article.corrections.map(
    (correction) =>
      html`<li><time datetime="${correction.correctedAt.toISOString()}">${formatAbsoluteTime(correction.correctedAt, timeLocaleOf(site))}</time> ${chrome.value(correction.note, article.content.language)}</li>`,
  )}</ul>
</aside>`;
}

/**
 * Share buttons: each a form posting to this site (`/articles/:slug/share/:network`), which
 * counts the share and redirects to the network's share page. No script, nothing from the
 * networks loads until a reader presses one. The count shows once the story has been shared.
 */
function shareBlock(article: PublicArticle, url: string, shares: number, site: SiteContext): SafeHtml {
  const labels = labelsOf(site);
  return html`<nav class="share" aria-label="${labels.share}"><span class="share-label">${labels.share}</span><ul>${shareLinks(url, article.content.headline).map(
    (link) =>
      html`<li><form class="share-form" method="post" action="${articlePath(article.slug)}/share/${link.network}"><button type="submit" class="share-${link.network}">${link.label}</button></form></li>`,
  )}</ul>${shares > 0 && html`<span class="share-count">${labels.sharedTimes(shares)}</span>`}</nav>`;
}
