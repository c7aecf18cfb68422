import { html } from '@newsroom/html';
import { SITE_NAME } from './labels';
import { renderPage, type SiteContext } from './layout';
import { formatShortDate } from './time-format';

/** 404: nothing lives at this address (or not yet: scheduled articles are not public). */
export function renderNotFoundPage(site: SiteContext): string {
  return renderPage(
    site,
    { title: `Page not found | ${SITE_NAME}`, robots: 'noindex', bodyClass: 'page-error' },
    html`<section class="notice">
<p class="notice-status">404</p>
<h1>Page not found</h1>
<p>We could not find the page you were looking for. It may have moved, or the address may be mistyped.</p>
<p><a href="/">Go to the front page</a> or <a href="/search">search our stories</a>.</p>
</section>`,
  );
}

/** 410: the article was public and an editor withdrew it. The reason stays internal. */
export function renderWithdrawnPage(site: SiteContext, withdrawnAt: Date): string {
  return renderPage(
    site,
    { title: `Article withdrawn | ${SITE_NAME}`, robots: 'noindex', bodyClass: 'page-error' },
    html`<section class="notice">
<p class="notice-status">410</p>
<h1>This article has been withdrawn</h1>
<p>It was removed from ${SITE_NAME} on <time datetime="${withdrawnAt.toISOString()}">${formatShortDate(withdrawnAt)}</time> and is no longer available.</p>
<p><a href="/corrections">Read our corrections</a> or <a href="/">go to the front page</a>.</p>
</section>`,
  );
}

/** 410 for a page that is gone for good and says nothing more about what it was. */
export function renderGonePage(site: SiteContext): string {
  return renderPage(
    site,
    { title: `Page removed | ${SITE_NAME}`, robots: 'noindex', bodyClass: 'page-error' },
    html`<section class="notice">
<p class="notice-status">410</p>
<h1>This page has been removed</h1>
<p>The page that was here is no longer available.</p>
<p><a href="/">Go to the front page</a>.</p>
</section>`,
  );
}

/**
 * Any other error a browser gets: 400 (the address has a bad parameter; the coded reason is
 * shown), 401/403, 5xx ("something went wrong on our side", nothing more).
 */
export function renderErrorPage(site: SiteContext, status: number, error: { code: string; message: string }): string {
  const serverSide = status >= 500;
  const heading = serverSide ? 'Something went wrong on our side' : status === 400 ? 'This address is not quite right' : 'This page is not available';
  return renderPage(
    site,
    { title: `${heading} | ${SITE_NAME}`, robots: 'noindex', bodyClass: 'page-error' },
    html`<section class="notice">
<p class="notice-status">${status}</p>
<h1>${heading}</h1>
${serverSide ? html`<p>Please try again in a moment.</p>` : html`<p>${error.message}</p><p class="notice-code"><code>${error.code}</code></p>`}
<p><a href="/">Go to the front page</a>.</p>
</section>`,
  );
}
