import { sectionPath } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { html, type SafeHtml } from '@newsroom/html';
import { humanize, SITE_NAME } from './labels';
import { renderPage, type SiteContext } from './layout';
import { storyCard } from './story-card';

/** Breaking news leads the front page for this long; after that the newest story does. */
const BREAKING_LEAD_MS = 24 * 3600 * 1000;

/** The front page: the lead story, then the latest from every section. */
export function renderFrontPage(articles: PublicArticle[], site: SiteContext): string {
  const lead = pickLead(articles, site.now);
  const rest = articles.filter((article) => article !== lead);
  const secondary = rest.slice(0, 2);
  const briefs = rest.slice(2, 6);
  const latest = rest.slice(6);
  const main = lead
    ? html`<h1 class="visually-hidden">${SITE_NAME}: latest news</h1>
<section class="front-top">
<div class="front-main">
${storyCard(lead, site.now, 'lead')}
${secondary.length > 0 && html`<div class="secondary">${secondary.map((article) => storyCard(article, site.now))}</div>`}
</div>
${briefs.length > 0 && html`<div class="top-list">${briefs.map((article) => storyCard(article, site.now, 'compact'))}</div>`}
</section>
${latest.length > 0 && html`<section class="latest" aria-labelledby="latest-heading">
<h2 id="latest-heading" class="rule-heading">Latest</h2>
<div class="card-grid">${latest.map((article) => storyCard(article, site.now))}</div>
</section>`}`
    : emptyState('Nothing has been published yet.');
  return renderPage(
    site,
    {
      title: `${SITE_NAME}: latest news`,
      description: `The latest news from ${SITE_NAME}.`,
      canonical: `${site.publicBaseUrl}/`,
      head: feedLinks('/feeds', SITE_NAME),
      current: 'home',
      bodyClass: 'page-front',
    },
    main,
  );
}

/** One section's latest stories. */
export function renderSectionPage(section: string, articles: PublicArticle[], site: SiteContext): string {
  const name = humanize(section);
  const [first, ...rest] = articles;
  const main = html`<header class="section-header">
<h1 class="section-title">${name}</h1>
<p class="section-feeds"><a href="${sectionPath(section)}/feeds/rss.xml">RSS</a> <a href="${sectionPath(section)}/feeds/atom.xml">Atom</a></p>
</header>
${first ? html`${storyCard(first, site.now, 'lead', { showSection: false })}
${rest.length > 0 && html`<div class="card-grid">${rest.map((article) => storyCard(article, site.now, 'standard', { showSection: false }))}</div>`}` : emptyState('No stories in this section yet.')}`;
  return renderPage(
    site,
    {
      title: `${name} | ${SITE_NAME}`,
      description: `The latest ${name} news from ${SITE_NAME}.`,
      canonical: `${site.publicBaseUrl}${sectionPath(section)}`,
      head: feedLinks(`${sectionPath(section)}/feeds`, `${SITE_NAME}: ${name}`),
      current: section,
      bodyClass: 'page-section',
    },
    main,
  );
}

function pickLead(articles: PublicArticle[], now: Date): PublicArticle | undefined {
  const breaking = articles.find((article) => article.priority === 'breaking' && now.getTime() - article.publishedAt.getTime() < BREAKING_LEAD_MS);
  return breaking ?? articles[0];
}

function feedLinks(base: string, title: string): SafeHtml {
  return html`<link rel="alternate" type="application/feed+json" title="${title}" href="${base}/feed.json">`;
}

function emptyState(message: string): SafeHtml {
  return html`<p class="empty-state">${message}</p>`;
}
