import { articleUrl, sectionPath } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { renderArticleBody } from './article-body';
import { textDirection } from './direction';
import { articleDescription, articleHead } from './article-metadata';
import { html, joinHtml, type SafeHtml } from '@newsroom/html';
import { humanize, SITE_NAME } from './labels';
import { renderPage, type SiteContext } from './layout';
import { shareLinks } from './share-links';
import { storyCard } from './story-card';
import { formatAbsoluteTime, formatRelativeTime } from './time-format';

/** The article as readers see it on the site. `more`: other recent stories from its section. */
export function renderArticlePage(article: PublicArticle, site: SiteContext, more: PublicArticle[] = []): string {
  const { content } = article;
  const url = articleUrl(site.publicBaseUrl, article.slug);
  const main = html`<article class="article" lang="${content.language}" dir="${textDirection(content.language)}">
<header class="article-header">
<p class="kicker">${article.priority === 'breaking' && html`<span class="badge">Breaking</span> `}<a href="${sectionPath(content.section)}">${humanize(
    content.section,
  )}</a></p>
<h1 class="headline">${content.headline}</h1>
${content.standfirst && html`<p class="standfirst">${content.standfirst}</p>`}
<div class="article-meta">
<p class="byline">By ${bylineHtml(content.bylines.map((byline) => byline.name))}</p>
${timestamps(article, site.now)}
</div>
</header>
<div class="article-body">
${renderArticleBody(content, { now: site.now })}
</div>
${correctionsNotice(article)}
<footer class="article-footer">
${content.tags.length > 0 && html`<ul class="tags" aria-label="Topics">${content.tags.map((tag) => html`<li>${humanize(tag)}</li>`)}</ul>`}
${shareBlock(url, content.headline)}
</footer>
</article>
${more.length > 0 && html`<section class="more-stories" aria-labelledby="more-heading">
<h2 id="more-heading" class="rule-heading">More in ${humanize(content.section)}</h2>
<div class="card-row">${more.map((other) => storyCard(other, site.now, 'standard', { showSection: false }))}</div>
</section>`}`;
  return renderPage(
    site,
    {
      title: `${content.headline} | ${SITE_NAME}`,
      description: articleDescription(article),
      canonical: url,
      head: articleHead(article, site.publicBaseUrl),
      current: content.section,
      bodyClass: 'page-article',
    },
    main,
  );
}

function bylineHtml(names: string[]): SafeHtml {
  const authors = names.map((name) => html`<span class="author">${name}</span>`);
  if (authors.length <= 1) return html`${authors}`;
  return html`${joinHtml(authors.slice(0, -1), ', ')} and ${authors[authors.length - 1]}`;
}

/**
 * The first publication, absolute and relative; then "Updated …" when a newer approved
 * revision replaced the text, and "Corrected …" when an editor corrected it (both when both).
 */
function timestamps(article: PublicArticle, now: Date): SafeHtml {
  const published = article.publishedAt;
  const stamp = (label: string, at: Date) =>
    html`<span class="updated">${label} <time datetime="${at.toISOString()}">${formatAbsoluteTime(at)}</time></span>`;
  return html`<p class="timestamps"><time datetime="${published.toISOString()}">${formatAbsoluteTime(published)}</time> <span class="relative-time">${formatRelativeTime(
    published,
    now,
  )}</span>${article.revisedAt && stamp('Updated', article.revisedAt)}${article.correctedAt && stamp('Corrected', article.correctedAt)}</p>`;
}

function correctionsNotice(article: PublicArticle): SafeHtml | null {
  if (article.corrections.length === 0) return null;
  return html`<aside class="corrections-notice" aria-labelledby="corrections-heading">
<h2 id="corrections-heading">${article.corrections.length === 1 ? 'Correction' : 'Corrections'}</h2>
<ul>${article.corrections.map(
    (correction) =>
      html`<li><time datetime="${correction.correctedAt.toISOString()}">${formatAbsoluteTime(correction.correctedAt)}</time> ${correction.note}</li>`,
  )}</ul>
</aside>`;
}

function shareBlock(url: string, headline: string): SafeHtml {
  return html`<nav class="share" aria-label="Share this article"><span class="share-label">Share</span><ul>${shareLinks(url, headline).map(
    (link) => html`<li><a class="share-${link.network}" href="${link.href}" rel="noopener noreferrer">${link.label}</a></li>`,
  )}</ul></nav>`;
}
