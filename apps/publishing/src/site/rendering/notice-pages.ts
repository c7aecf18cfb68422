import { html } from '@newsroom/html';
import { labelsOf, renderPage, timeLocaleOf, type SiteContext } from './layout';
import { formatShortDate } from './time-format';

/** 404: nothing lives at this address (or not yet: scheduled articles are not public). */
export function renderNotFoundPage(site: SiteContext): string {
  const labels = labelsOf(site);
  return renderPage(
    site,
    { title: `${labels.notFoundTitle} | ${site.name}`, robots: 'noindex', bodyClass: 'page-error' },
    html`<section class="notice">
<p class="notice-status">404</p>
<h1>${labels.notFoundTitle}</h1>
<p>${labels.notFoundText}</p>
<p><a href="/">${labels.goToFront}</a> · <a href="/search">${labels.orSearch}</a></p>
</section>`,
  );
}

/** 410: the article was public and an editor withdrew it. The reason stays internal. */
export function renderWithdrawnPage(site: SiteContext, withdrawnAt: Date): string {
  const labels = labelsOf(site);
  return renderPage(
    site,
    { title: `${labels.withdrawnTitle} | ${site.name}`, robots: 'noindex', bodyClass: 'page-error' },
    html`<section class="notice">
<p class="notice-status">410</p>
<h1>${labels.withdrawnTitle}</h1>
<p>${labels.withdrawnText(site.name, formatShortDate(withdrawnAt, timeLocaleOf(site)))}</p>
<p><a href="/corrections">${labels.readCorrections}</a> · <a href="/">${labels.goToFront}</a></p>
</section>`,
  );
}

/** 410 for a page that is gone for good (a killed article) and says nothing more about what it was. */
export function renderGonePage(site: SiteContext): string {
  const labels = labelsOf(site);
  return renderPage(
    site,
    { title: `${labels.goneTitle} | ${site.name}`, robots: 'noindex', bodyClass: 'page-error' },
    html`<section class="notice">
<p class="notice-status">410</p>
<h1>${labels.goneTitle}</h1>
<p>${labels.goneText}</p>
<p><a href="/">${labels.goToFront}</a></p>
</section>`,
  );
}

/**
 * Any other error a browser gets: 400 (the address has a bad parameter; the coded reason is
 * shown), 401/403, 5xx ("something went wrong on our side", nothing more).
 */
export function renderErrorPage(site: SiteContext, status: number, error: { code: string; message: string }): string {
  const labels = labelsOf(site);
  const serverSide = status >= 500;
  const heading = serverSide ? labels.serverErrorTitle : status === 400 ? labels.badAddressTitle : labels.unavailableTitle;
  return renderPage(
    site,
    { title: `${heading} | ${site.name}`, robots: 'noindex', bodyClass: 'page-error' },
    html`<section class="notice">
<p class="notice-status">${status}</p>
<h1>${heading}</h1>
${serverSide ? html`<p>${labels.tryAgain}</p>` : html`<p>${error.message}</p><p class="notice-code"><code>${error.code}</code></p>`}
<p><a href="/">${labels.goToFront}</a></p>
</section>`,
  );
}
