import { html, type SafeHtml } from '@newsroom/html';
import type { SiteSection } from '@newsroom/config';
import { labelsOf } from './labels';

/** What the box needs of the site (a SiteContext has it). */
export interface SubscribeBoxSite {
  language: string;
  sections: readonly SiteSection[];
}

/** What the page offers ticked in its signup box. */
export interface SubscribeChoice {
  /** On a story or a section page: the section, ticked among the site's. */
  section?: string;
  /** On a tag page: the tag to follow, by slug, shown by name (tagName), ticked. */
  tag?: { slug: string; name: string };
}

/**
 * The signup box on article, section, tag and front pages: a plain form that works without
 * JavaScript, posting `email`, one `sections` per ticked box, `tags` for a ticked topic and
 * `breakingOnly=on` (application/x-www-form-urlencoded) to the notifications service's
 * `/subscribe`, which answers with its own HTML pages (double opt-in). The page's own section
 * or topic is ticked in advance (`choice`): there, readers most likely want that one.
 * `returnTo` (the page's canonical address) is posted too, so the answer's way back leads to
 * the page the reader came from.
 *
 * The "Get alerts" button is for web push and needs the page's script (/alerts.js), which
 * shows it only where the browser can take push messages, and subscribes to what is ticked;
 * the browser's permission prompt comes after a click on it, never on page load.
 */
export function subscribeBox(site: SubscribeBoxSite, alertsUrl: string, choice: SubscribeChoice = {}, returnTo?: string): SafeHtml {
  const { section, tag } = choice;
  const labels = labelsOf(site);
  const words = labels.subscribe;
  return html`<section class="subscribe-box" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading" class="rule-heading">${words.heading}</h2>
<form class="subscribe-form" method="post" action="${alertsUrl}/subscribe">
${returnTo ? html`<input type="hidden" name="returnTo" value="${returnTo}">` : null}
<label for="subscribe-email">${words.email}</label>
<input id="subscribe-email" type="email" name="email" required maxlength="254" autocomplete="email">
${tag && html`<fieldset class="subscribe-sections subscribe-topics"><legend>${labels.topics}</legend>
<label><input type="checkbox" name="tags" value="${tag.slug}" checked> <bdi>${tag.name}</bdi></label>
</fieldset>`}
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
