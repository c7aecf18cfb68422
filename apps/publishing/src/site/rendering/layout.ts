import { textDirection } from '@newsroom/contracts';
import { sectionPath } from '../../articles/domain/public-urls';
import type { NavSection } from '../../config/site-settings';
import { html, htmlDocument, type SafeHtml } from '@newsroom/html';
import { subscribeBox, type SubscribeChoice } from './subscribe-box';
import { labelsOf } from './labels';
import { formatLongDate, type TimeLocale } from './time-format';

/** What every page needs besides its own content: the site's settings and the moment of rendering. */
export interface SiteContext {
  publicBaseUrl: string;
  /** The publication's name. */
  name: string;
  /** The interface language (`en`, `uk`); articles carry their own. */
  language: string;
  /** The IANA zone readers are shown times in. */
  timeZone: string;
  /** The navigation: the managed section list, in its order. */
  sections: NavSection[];
  /** The moment of rendering: relative times are computed against it. */
  now: Date;
  /** The publisher's logo (absolute URL), shown in the masthead instead of the name in type. */
  logoUrl?: string;
  /** What the reader searched for, kept in the masthead's search box. */
  searchText?: string;
  /** The notifications service's public base URL: where the signup box posts and the push button subscribes. */
  alertsUrl?: string;
}

// The site's interface words, as pages import them with the rest of the page shell.
export { labelsOf };

/** The language and zone times are shown in. */
export function timeLocaleOf(site: SiteContext): TimeLocale {
  return { language: site.language, timeZone: site.timeZone };
}

/** A section's name as the navigation gives it, else the slug humanized. */
export function sectionLabel(site: SiteContext, slug: string): string {
  return site.sections.find((section) => section.slug === slug)?.label ?? humanizeSlug(slug);
}

function humanizeSlug(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
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
  /** Offer the signup box (article, section, tag and front pages), with the page's section or topic ticked. */
  subscribe?: SubscribeChoice;
  /**
   * Describe the page to link previews as a website (OpenGraph `website`, a Twitter summary):
   * the front page and the story lists, which readers share as often as articles. Needs
   * `description` and `canonical`. Article pages bring their own `article` tags in `head`.
   */
  linkPreview?: boolean;
}

/** OpenGraph (https://ogp.me) and Twitter card tags for a page that is not an article. */
function websitePreview(site: SiteContext, page: PageOptions): SafeHtml {
  return html`<meta property="og:type" content="website">
<meta property="og:site_name" content="${site.name}">
<meta property="og:title" content="${page.title}">
${page.description && html`<meta property="og:description" content="${page.description}">`}
${page.canonical && html`<meta property="og:url" content="${page.canonical}">`}
<meta property="og:locale" content="${openGraphLocale(site.language)}">
${site.logoUrl && html`<meta property="og:image" content="${site.logoUrl}">`}
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${page.title}">
${page.description && html`<meta name="twitter:description" content="${page.description}">`}`;
}

/** A BCP 47 tag as OpenGraph writes a locale: `en-GB` → `en_GB`; a bare language stays as it is. */
export function openGraphLocale(language: string): string {
  return language.replace('-', '_');
}

/**
 * `<link rel="alternate">` for a list's feeds in the three formats, under `base` (`/feeds`,
 * `/sections/politics/feeds`). Each title names its format: a feed reader lists every link it
 * finds on a page as one choice, and six choices titled alike could not be told apart.
 */
export function feedDiscoveryLinks(base: string, title: string): SafeHtml {
  return html`<link rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="${base}/feed.json">
<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="${base}/rss.xml">
<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${base}/atom.xml">`;
}

/**
 * A complete page of the site in the shared document shell (`htmlDocument`): the interface's
 * language and direction, the page's head elements after the site's stylesheet and feeds,
 * then the masthead, `main` and the footer.
 */
export function renderPage(site: SiteContext, page: PageOptions, main: SafeHtml): string {
  const labels = labelsOf(site);
  const head = html`${page.description && html`<meta name="description" content="${page.description}">`}
${page.canonical && html`<link rel="canonical" href="${page.canonical}">`}
${page.robots && html`<meta name="robots" content="${page.robots}">`}
${page.prev && html`<link rel="prev" href="${page.prev}">`}
${page.next && html`<link rel="next" href="${page.next}">`}
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="/static/site.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
${feedDiscoveryLinks('/feeds', site.name)}
${page.subscribe && site.alertsUrl && html`<script src="/alerts.js" defer></script>`}
${page.linkPreview && websitePreview(site, page)}
${page.head}`;
  const body = html`<a class="skip-link" href="#main">${labels.skipToContent}</a>
<header class="masthead">
  <div class="wrap masthead-inner">
    <p class="masthead-date">${formatLongDate(site.now, timeLocaleOf(site))}</p>
    <a class="brand" href="/">${site.logoUrl ? html`<img class="brand-logo" src="${site.logoUrl}" alt="${site.name}">` : site.name}</a>
    <p class="masthead-links"><a href="/corrections">${labels.corrections}</a> <a href="/feeds/rss.xml">RSS</a></p>
    <form class="search-form" role="search" action="/search" method="get">
      <label class="visually-hidden" for="search-q">${labels.search}</label>
      <input id="search-q" type="search" name="q" maxlength="200" placeholder="${labels.searchPlaceholder}" value="${site.searchText ?? ''}">
      <button type="submit">${labels.search}</button>
    </form>
  </div>
  <nav class="section-nav" aria-label="${labels.sections}">
    <ul class="wrap">
      <li><a href="/"${page.current === 'home' ? html` aria-current="page"` : null}>${labels.home}</a></li>
      ${site.sections.map(
        ({ slug, label }) => html`<li><a href="${sectionPath(slug)}"${page.current === slug ? html` aria-current="page"` : null}>${label}</a></li>`,
      )}
    </ul>
  </nav>
</header>
<main id="main" class="wrap">
${main}
${page.subscribe && site.alertsUrl && subscribeBox(site, site.alertsUrl, page.subscribe, page.canonical)}
</main>
<footer class="site-footer">
  <div class="wrap footer-inner">
    <p class="footer-brand">${site.name}</p>
    <ul class="footer-links">
      <li><a href="/corrections">${labels.corrections}</a></li>
      <li><a href="/feeds/rss.xml">RSS</a></li>
      <li><a href="/feeds/atom.xml">Atom</a></li>
      <li><a href="/feeds/feed.json">JSON Feed</a></li>
      <li><a href="/sitemap.xml">Sitemap</a></li>
    </ul>
    <p class="footer-note">${labels.timesShownIn(site.timeZone)}</p>
  </div>
</footer>`;
  return htmlDocument({ lang: site.language, dir: textDirection(site.language), title: page.title, head, bodyClass: page.bodyClass, body }).value;
}
