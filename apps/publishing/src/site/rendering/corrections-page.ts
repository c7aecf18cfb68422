import { articlePath } from '../../articles/domain/public-urls';
import type { CorrectionLogEntry } from '../../articles/use-cases/read-articles/public-article';
import { html } from '@newsroom/html';
import { SITE_NAME } from './labels';
import { renderPage, type SiteContext } from './layout';
import { formatAbsoluteTime } from './time-format';

/** The public corrections log, newest first. */
export function renderCorrectionsPage(entries: CorrectionLogEntry[], site: SiteContext): string {
  const main = html`<header class="section-header">
<h1 class="section-title">Corrections</h1>
<p class="section-intro">When we get something wrong, we correct it and say so here and on the article itself.</p>
</header>
${
  entries.length === 0
    ? html`<p class="empty-state">No corrections have been published.</p>`
    : html`<ol class="corrections-log">${entries.map(
        (entry) => html`<li>
<p class="correction-article">${
          entry.withdrawn
            ? html`${entry.headline} <span class="withdrawn-label">(withdrawn)</span>`
            : html`<a href="${articlePath(entry.slug)}">${entry.headline}</a>`
        }</p>
<p class="correction-note">${entry.note}</p>
<p class="correction-time"><time datetime="${entry.correctedAt.toISOString()}">${formatAbsoluteTime(entry.correctedAt)}</time></p>
</li>`,
      )}</ol>`
}`;
  return renderPage(
    site,
    { title: `Corrections | ${SITE_NAME}`, description: `Corrections published by ${SITE_NAME}.`, canonical: `${site.publicBaseUrl}/corrections` },
    main,
  );
}
