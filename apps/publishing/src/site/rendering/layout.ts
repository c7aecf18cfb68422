import { sectionPath } from '../../articles/domain/public-urls';
import type { SectionSummary } from '../../articles/use-cases/read-articles/read-articles.query';
import { html, type SafeHtml } from '@newsroom/html';
import { textDirection } from './direction';
import { ENGLISH_LABELS, humanize, SITE_NAME, type InterfaceLabels } from './labels';

/** What every page needs besides its own content. */
export interface SiteContext {
  publicBaseUrl: string;
  /** Sections with live articles, for the navigation. */
  sections: SectionSummary[];
  /** The moment of rendering: relative times are computed against it. */
  now: Date;
  /** The interface's words; English unless said. */
  labels?: InterfaceLabels;
  /** What the reader searched for, kept in the masthead's search box. */
  searchText?: string;
  /** The language of the site's interface (`en` unless said); articles carry their own. */
  language?: string;
}

/** The site's interface words for this context. */
export function labelsOf(site: SiteContext): InterfaceLabels {
  return site.labels ?? ENGLISH_LABELS;
}

export interface PageOptions {
  title: string;
  description?: string;
  /** Absolute canonical URL. */
  canonical?: string;
  /** Extra elements for <head>: link previews, structured data, feeds. */
  head?: SafeHtml;
  /** Highlighted in the navigation: 'home' or a section slug. */
  current?: string;
  robots?: string;
  /** A class on <body> for page-specific styles. */
  bodyClass?: string;
  /** Site paths of the neighbouring pages of a paged list. */
  prev?: string;
  next?: string;
}

const NAV_LIMIT = 8;

export function renderPage(site: SiteContext, page: PageOptions, main: SafeHtml): string {
  const labels = labelsOf(site);
  const interfaceLanguage = site.language ?? 'en';
  const today = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(site.now);
  const document = html`<!doctype html>
<html lang="${interfaceLanguage}" dir="${textDirection(interfaceLanguage)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${page.description && html`<meta name="description" content="${page.description}">`}
${page.canonical && html`<link rel="canonical" href="${page.canonical}">`}
${page.robots && html`<meta name="robots" content="${page.robots}">`}
${page.prev && html`<link rel="prev" href="${page.prev}">`}
${page.next && html`<link rel="next" href="${page.next}">`}
<link rel="stylesheet" href="/static/site.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/rss+xml" title="${SITE_NAME}" href="/feeds/rss.xml">
<link rel="alternate" type="application/atom+xml" title="${SITE_NAME}" href="/feeds/atom.xml">
${page.head}
</head>
<body${page.bodyClass ? html` class="${page.bodyClass}"` : null}>
<a class="skip-link" href="#main">Skip to content</a>
<header class="masthead">
  <div class="wrap masthead-inner">
    <p class="masthead-date">${today}</p>
    <a class="brand" href="/">${SITE_NAME}</a>
    <p class="masthead-links"><a href="/corrections">Corrections</a> <a href="/feeds/rss.xml">RSS</a></p>
    <form class="search-form" role="search" action="/search" method="get">
      <label class="visually-hidden" for="search-q">${labels.search}</label>
      <input id="search-q" type="search" name="q" maxlength="200" placeholder="${labels.searchPlaceholder}" value="${site.searchText ?? ''}">
      <button type="submit">${labels.search}</button>
    </form>
  </div>
  <nav class="section-nav" aria-label="Sections">
    <ul class="wrap">
      <li><a href="/"${page.current === 'home' ? html` aria-current="page"` : null}>Home</a></li>
      ${site.sections.slice(0, NAV_LIMIT).map(
        ({ section }) =>
          html`<li><a href="${sectionPath(section)}"${page.current === section ? html` aria-current="page"` : null}>${humanize(section)}</a></li>`,
      )}
    </ul>
  </nav>
</header>
<main id="main" class="wrap">
${main}
</main>
<footer class="site-footer">
  <div class="wrap footer-inner">
    <p class="footer-brand">${SITE_NAME}</p>
    <ul class="footer-links">
      <li><a href="/corrections">Corrections</a></li>
      <li><a href="/feeds/rss.xml">RSS</a></li>
      <li><a href="/feeds/atom.xml">Atom</a></li>
      <li><a href="/feeds/feed.json">JSON Feed</a></li>
      <li><a href="/sitemap.xml">Sitemap</a></li>
    </ul>
    <p class="footer-note">Times are shown in UTC.</p>
  </div>
</footer>
</body>
</html>
`;
  return document.value;
}
