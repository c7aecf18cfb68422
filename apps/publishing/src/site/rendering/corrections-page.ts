import { articlePath } from '../../articles/domain/public-urls';
import type { CorrectionLogEntry } from '../../articles/use-cases/read-articles/public-article';
import { html } from '@newsroom/html';
import { chromeOf } from './chrome';
import { labelsOf, renderPage, timeLocaleOf, type SiteContext } from './layout';
import { neighbours, pagePath, renderPagination, type Paging } from './pagination';
import { formatAbsoluteTime } from './time-format';

/** The public corrections log, newest first, one page of it (`paging`: which, of how many corrections). */
export function renderCorrectionsPage(entries: CorrectionLogEntry[], site: SiteContext, paging: Paging): string {
  const labels = labelsOf(site);
  // Headlines and notes are in their articles' languages; isolated, they cannot reorder the log.
  const chrome = chromeOf(site);
  const main = html`<header class="section-header">
<h1 class="section-title">${labels.corrections}</h1>
<p class="section-intro">${labels.correctionsIntro}</p>
</header>
${
  entries.length === 0
    ? html`<p class="empty-state">${labels.noCorrections}</p>`
    : html`<ol class="corrections-log">${entries.map(
        (entry) => html`<li>
<p class="correction-article">${
          entry.withdrawn
            ? html`${chrome.value(entry.headline)} <span class="withdrawn-label">${labels.withdrawnLabel}</span>`
            : html`<a href="${articlePath(entry.slug)}">${chrome.value(entry.headline)}</a>`
        }</p>
<p class="correction-note">${chrome.value(entry.note)}</p>
<p class="correction-time"><time datetime="${entry.correctedAt.toISOString()}">${formatAbsoluteTime(entry.correctedAt, timeLocaleOf(site))}</time></p>
</li>`,
      )}</ol>`
}
${renderPagination(paging, { prev: labels.newerCorrections, next: labels.olderCorrections, pageOf: labels.pageOf })}`;
  const title = `${labels.corrections}${paging.page > 1 ? ` (${labels.pageOf(paging.page, Math.ceil(paging.total / paging.pageSize))})` : ''} | ${site.name}`;
  return renderPage(
    site,
    { title, description: `${labels.corrections} | ${site.name}`, canonical: `${site.publicBaseUrl}${pagePath(paging, paging.page)}`, ...neighbours(paging) },
    main,
  );
}
