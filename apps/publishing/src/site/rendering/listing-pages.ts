import { authorPath, sectionPath, tagPath } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { html, type SafeHtml } from '@newsroom/html';
import { chromeOf } from './chrome';
import { authorSlug } from '../../articles/domain/slug';
import { humanize, tagName } from './labels';
import { feedDiscoveryLinks, labelsOf, renderPage, sectionLabel, type SiteContext } from './layout';
import { neighbours, pagePath, renderPagination, type Paging } from './pagination';
import { storyCard } from './story-card';

/** Breaking news leads the front page for this long; after that the newest story does. */
const BREAKING_LEAD_MS = 24 * 3600 * 1000;

/**
 * The front page. Its first page leads with the top story, then the latest from every
 * section; further pages (`?page=2`) list older stories in a plain grid.
 */
export function renderFrontPage(articles: PublicArticle[], site: SiteContext, paging: Paging): string {
  const labels = labelsOf(site);
  const main = paging.page === 1 ? frontPageTop(articles, site) : html`<h1 class="visually-hidden">${site.name}</h1>${storyGrid(articles, site, true)}`;
  return renderPage(
    site,
    {
      title: paging.page === 1 ? site.name : `${site.name} (${labels.pageOf(paging.page, Math.ceil(paging.total / paging.pageSize))})`,
      description: labels.latestNewsFrom(site.name),
      canonical: `${site.publicBaseUrl}${pagePath(paging, paging.page)}`,
      current: 'home',
      bodyClass: 'page-front',
      subscribe: {},
      linkPreview: true,
      ...neighbours(paging),
    },
    html`${main}${pagination(paging, site)}`,
  );
}

function frontPageTop(articles: PublicArticle[], site: SiteContext): SafeHtml {
  const labels = labelsOf(site);
  const lead = pickLead(articles, site.now);
  if (!lead) return emptyState(labels.nothingPublished);
  const rest = articles.filter((article) => article !== lead);
  const secondary = rest.slice(0, 2);
  const briefs = rest.slice(2, 6);
  const latest = rest.slice(6);
  return html`<h1 class="visually-hidden">${site.name}</h1>
<section class="front-top">
<div class="front-main">
${storyCard(lead, site, 'lead')}
${secondary.length > 0 && html`<div class="secondary">${secondary.map((article) => storyCard(article, site))}</div>`}
</div>
${briefs.length > 0 && html`<div class="top-list">${briefs.map((article) => storyCard(article, site, 'compact'))}</div>`}
</section>
${latest.length > 0 && html`<section class="latest" aria-labelledby="latest-heading">
<h2 id="latest-heading" class="rule-heading">${labels.latest}</h2>
<div class="card-grid">${latest.map((article) => storyCard(article, site))}</div>
</section>`}`;
}

/**
 * What a list of stories is about: a section, a tag or an author. A tag's or an author's
 * `name` is how its stories spell it (namedStoryList); a tag without one shows its slug's words.
 */
export type StoryList = { kind: 'section'; section: string } | { kind: 'tag'; tag: string; name?: string } | { kind: 'author'; slug: string; name: string };

/**
 * `list` with the name its newest story gives it: the byline behind an author slug, the words
 * a tag was typed as (tagName); unchanged for a section or with no stories.
 */
export function namedStoryList(list: StoryList, newest: PublicArticle | undefined): StoryList {
  if (!newest) return list;
  if (list.kind === 'author') return { ...list, name: newest.content.bylines.find((byline) => authorSlug(byline.name) === list.slug)?.name ?? list.slug };
  if (list.kind === 'tag') return { ...list, name: tagName(list.tag, newest.content.tagLabels) };
  return list;
}

/** The site path of a story list (its first page). */
export function storyListPath(list: StoryList): string {
  switch (list.kind) {
    case 'section':
      return sectionPath(list.section);
    case 'tag':
      return tagPath(list.tag);
    case 'author':
      return authorPath(list.slug);
  }
}

/** A section's, tag's or author's stories, newest first, one page of them, with its own feeds. */
export function renderStoryListPage(list: StoryList, articles: PublicArticle[], site: SiteContext, paging: Paging): string {
  const labels = labelsOf(site);
  const path = storyListPath(list);
  const name = list.kind === 'section' ? sectionLabel(site, list.section) : list.kind === 'tag' ? (list.name ?? humanize(list.tag)) : list.name;
  const kicker = list.kind === 'tag' ? labels.tag : list.kind === 'author' ? labels.author : null;
  const [first, ...rest] = articles;
  const showSection = list.kind !== 'section';
  const stories =
    paging.page === 1 && first
      ? html`${storyCard(first, site, 'lead', { showSection })}
${rest.length > 0 && html`<div class="card-grid">${rest.map((article) => storyCard(article, site, 'standard', { showSection }))}</div>`}`
      : storyGrid(articles, site, showSection);
  const main = html`<header class="section-header">
${kicker && html`<p class="kicker list-kind">${kicker}</p>`}
<h1 class="section-title">${list.kind === 'section' ? name : chromeOf(site).value(name)}</h1>
<p class="section-feeds"><a href="${path}/feeds/rss.xml">RSS</a> <a href="${path}/feeds/atom.xml">Atom</a> <a href="${path}/feeds/feed.json">JSON Feed</a></p>
</header>
${articles.length > 0 ? stories : emptyState(labels.noStoriesHere)}
${pagination(paging, site)}`;
  const description = list.kind === 'section' ? `${name} | ${labels.latestNewsFrom(site.name)}` : list.kind === 'tag' ? labels.storiesTagged(name) : labels.storiesBy(name);
  return renderPage(
    site,
    {
      title: `${name}${paging.page > 1 ? ` (${labels.pageOf(paging.page, Math.ceil(paging.total / paging.pageSize))})` : ''} | ${site.name}`,
      description,
      canonical: `${site.publicBaseUrl}${pagePath(paging, paging.page)}`,
      // the list's own feeds, beside the site-wide ones every page links
      head: feedDiscoveryLinks(`${path}/feeds`, `${site.name}: ${name}`),
      current: list.kind === 'section' ? list.section : undefined,
      bodyClass: 'page-section',
      linkPreview: true,
      ...(list.kind === 'section' ? { subscribe: { section: list.section } } : list.kind === 'tag' ? { subscribe: { tag: { slug: list.tag, name } } } : {}),
      ...neighbours(paging),
    },
    main,
  );
}

function storyGrid(articles: PublicArticle[], site: SiteContext, showSection: boolean): SafeHtml {
  return html`<div class="card-grid">${articles.map((article) => storyCard(article, site, 'standard', { showSection }))}</div>`;
}

function pagination(paging: Paging, site: SiteContext): SafeHtml | null {
  const labels = labelsOf(site);
  return renderPagination(paging, { prev: labels.newer, next: labels.older, pageOf: labels.pageOf });
}

function pickLead(articles: PublicArticle[], now: Date): PublicArticle | undefined {
  const breaking = articles.find((article) => article.priority === 'breaking' && now.getTime() - article.publishedAt.getTime() < BREAKING_LEAD_MS);
  return breaking ?? articles[0];
}

function emptyState(message: string): SafeHtml {
  return html`<p class="empty-state">${message}</p>`;
}
