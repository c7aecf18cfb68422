import { html } from '@newsroom/html';
import { SITE_NAME } from './labels';
import { renderPage, type SiteContext } from './layout';
import { formatShortDate } from './time-format';

/** 404: nothing lives at this address (or not yet: scheduled articles are not public). */
export function renderNotFoundPage(site: SiteContext): string {
  return renderPage(
    site,
    { title: `Page not found | ${SITE_NAME}`, robots: 'noindex' },
    html`<section class="notice">
<h1>Page not found</h1>
<p>We could not find the page you were looking for. It may have moved, or the address may be mistyped.</p>
<p><a href="/">Go to the front page</a></p>
</section>`,
  );
}

/** 410: the article was public and an editor withdrew it. The reason stays internal. */
export function renderWithdrawnPage(site: SiteContext, withdrawnAt: Date): string {
  return renderPage(
    site,
    { title: `Article withdrawn | ${SITE_NAME}`, robots: 'noindex' },
    html`<section class="notice">
<h1>This article has been withdrawn</h1>
<p>It was removed from ${SITE_NAME} on <time datetime="${withdrawnAt.toISOString()}">${formatShortDate(withdrawnAt)}</time> and is no longer available.</p>
<p><a href="/corrections">Read our corrections</a> or <a href="/">go to the front page</a>.</p>
</section>`,
  );
}
