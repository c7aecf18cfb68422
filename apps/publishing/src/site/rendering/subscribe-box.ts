import { html, type SafeHtml } from '@newsroom/html';
import type { SiteSection } from '@newsroom/config';
import { labelsOf } from './labels';

/** What the box needs of the site (a SiteContext has it). */
export interface SubscribeBoxSite {
  language: string;
  sections: readonly SiteSection[];
}

/**
 * The signup box on article, section and front pages: a plain form that works without
 * JavaScript, posting `email`, one `sections` per ticked box and `breakingOnly=on`
 * (application/x-www-form-urlencoded) to the notifications service's `/subscribe`, which
 * answers with its own HTML pages (double opt-in). `section` is ticked in advance: on a
 * story or a section page, readers most likely want that one. `returnTo` (the page's canonical
 * address) is posted too, so the answer's way back leads to the page the reader came from.
 *
 * The "Get alerts" button is for web push and needs the page's script (/alerts.js), which
 * shows it only where the browser can take push messages; the browser's permission prompt
 * comes after a click on it, never on page load.
 */
export function subscribeBox(site: SubscribeBoxSite, alertsUrl: string, section?: string, returnTo?: string): SafeHtml {
  const words = labelsOf(site).subscribe;
  return html`<section class="subscribe-box" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading" class="rule-heading">${words.heading}</h2>
<form class="subscribe-form" method="post" action="${alertsUrl}/subscribe">
${returnTo ? html`<input type="hidden" name="returnTo" value="${returnTo}">` : null}
<label for="subscribe-email">${words.email}</label>
<input id="subscribe-email" type="email" name="email" required maxlength="254" autocomplete="email">
<fieldset class="subscribe-sections"><legend>${words.sections}</legend>
${site.sections.map(
  ({ slug, label }) => html`<label><input type="checkbox" name="sections" value="${slug}"${slug === section ? html` checked` : null}> ${label}</label>`,
)}
<label><input type="checkbox" name="breakingOnly" value="on"> ${words.breakingOnly}</label>
</fieldset>
<button type="submit">${words.subscribe}</button>
</form>
<p class="subscribe-hint">${words.confirmFirst}</p>
<button type="button" class="get-alerts" data-alerts-url="${alertsUrl}" data-on="${words.alertsOn}" data-manage="${words.manageAlerts}" data-blocked="${words.alertsBlocked}" data-failed="${words.alertsFailed}" data-working="${words.alertsWorking}" hidden>${words.getAlerts}</button>
<p class="get-alerts-status" role="status" hidden></p>
</section>`;
}
