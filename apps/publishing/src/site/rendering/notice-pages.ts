import { html, type SafeHtml } from '@newsroom/html';
import { labelsOf, renderPage, timeLocaleOf, type SiteContext } from './layout';
import { formatShortDate } from './time-format';

/** What a notice page says: its HTTP status, its heading, the explanation and the links onwards. */
interface Notice {
  status: number;
  heading: string;
  /** One or more paragraphs. */
  text: SafeHtml;
  /** The links of the closing paragraph. */
  links: SafeHtml;
}

/** The page every notice shares: the status above the heading, never indexed. */
function renderNotice(site: SiteContext, notice: Notice): string {
  return renderPage(
    site,
    { title: `${notice.heading} | ${site.name}`, robots: 'noindex', bodyClass: 'page-error' },
    html`<section class="notice">
<p class="notice-status">${notice.status}</p>
<h1>${notice.heading}</h1>
${notice.text}
<p>${notice.links}</p>
</section>`,
  );
}

/** 404: nothing lives at this address (or not yet: scheduled articles are not public). */
export function renderNotFoundPage(site: SiteContext): string {
  const labels = labelsOf(site);
  return renderNotice(site, {
    status: 404,
    heading: labels.notFoundTitle,
    text: html`<p>${labels.notFoundText}</p>`,
    links: html`<a href="/">${labels.goToFront}</a> · <a href="/search">${labels.orSearch}</a>`,
  });
}

/** 410: the article was public and an editor withdrew it. The reason stays internal. */
export function renderWithdrawnPage(site: SiteContext, withdrawnAt: Date): string {
  const labels = labelsOf(site);
  return renderNotice(site, {
    status: 410,
    heading: labels.withdrawnTitle,
    text: html`<p>${labels.withdrawnText(site.name, formatShortDate(withdrawnAt, timeLocaleOf(site)))}</p>`,
    links: html`<a href="/corrections">${labels.readCorrections}</a> · <a href="/">${labels.goToFront}</a>`,
  });
}

/** 410 for a page that is gone for good (a killed article) and says nothing more about what it was. */
export function renderGonePage(site: SiteContext): string {
  const labels = labelsOf(site);
  return renderNotice(site, { status: 410, heading: labels.goneTitle, text: html`<p>${labels.goneText}</p>`, links: html`<a href="/">${labels.goToFront}</a>` });
}

/**
 * Any other error a browser gets: 400 (the address has a bad parameter; the coded reason is
 * shown), 401/403, 5xx ("something went wrong on our side", nothing more).
 */
export function renderErrorPage(site: SiteContext, status: number, error: { code: string; message: string }): string {
  const labels = labelsOf(site);
  const serverSide = status >= 500;
  return renderNotice(site, {
    status,
    heading: serverSide ? labels.serverErrorTitle : status === 400 ? labels.badAddressTitle : labels.unavailableTitle,
    text: serverSide ? html`<p>${labels.tryAgain}</p>` : html`<p>${error.message}</p><p class="notice-code"><code>${error.code}</code></p>`,
    links: html`<a href="/">${labels.goToFront}</a>`,
  });
}
