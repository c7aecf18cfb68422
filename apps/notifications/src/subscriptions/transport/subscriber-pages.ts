import type { SiteSection } from '@newsroom/config';
import { html, safeUrl, type SafeHtml } from '@newsroom/html';
import { htmlPage, type Masthead } from '../../shared/html/page';
import { CHANNEL_FREQUENCIES, describePreferences, type Frequency, type Preferences } from '../domain/preferences';
import { DEFAULT_TIME_ZONE } from '../domain/quiet-hours';
import type { RecipientView } from '../domain/recipient';

/** Forms post back to the same path with the same token; relative, so it works behind any proxy. */
function actionUrl(path: '/preferences' | '/unsubscribe' | '/v1/subscribers/confirm', token: string): string {
  return `${path}?token=${encodeURIComponent(token)}`;
}

/** The one-click unsubscribe form (the same body mail providers send, RFC 8058). */
function unsubscribeForm(token: string, label: string): SafeHtml {
  return html`<form method="post" action="${actionUrl('/unsubscribe', token)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${label}</button>
</form>`;
}

/**
 * What the confirmation link opens: a button, not the confirmation itself. Mail gateways and
 * link scanners open the links in new mail; were opening enough, anyone who typed someone
 * else's address into the form would have it confirmed without its owner's click. The form has
 * no fields: an empty POST passes the API paths' JSON-only rule for bodies.
 */
/** `sectionLabel`: a section's name as readers know it (SiteSectionList.labelOf); pages without it show slugs. */
export function confirmSignupPage(masthead: Masthead, view: RecipientView, token: string, sectionLabel?: (slug: string) => string): string {
  // Opened again later (from the same e-mail): say where it stands rather than offer a button that does nothing, or is refused.
  if (!view.subscribed) {
    return htmlPage(masthead, 'Unsubscribed', html`<p>${view.label} unsubscribed from these alerts; this link cannot start them again. Sign up again on the site to get alerts.</p>`);
  }
  if (!view.awaitingConfirmation) {
    return htmlPage(masthead, 'Already confirmed', html`<p>${masthead.name} alerts for ${view.label} are on: ${describePreferences(view.preferences, sectionLabel)}.</p>
<p>Every alert has a link to change this or to unsubscribe.</p>`);
  }
  return htmlPage(
    masthead,
    'Confirm your alerts',
    html`<p>${masthead.name} alerts for ${view.label}: ${describePreferences(view.preferences, sectionLabel)}.</p>
<form method="post" action="${actionUrl('/v1/subscribers/confirm', token)}">
<button type="submit">Yes, send me alerts</button>
</form>
<p class="hint">If you did not ask for them, close this page: nothing is sent until you confirm.</p>`,
  );
}

export function confirmedPage(masthead: Masthead, newlyConfirmed: boolean, preferences: Preferences, preferencesUrl: string, sectionLabel?: (slug: string) => string): string {
  return htmlPage(
    masthead,
    newlyConfirmed ? 'Subscription confirmed' : 'Already confirmed',
    html`<p>${newlyConfirmed ? `Thank you: your ${masthead.name} alerts are on.` : 'This subscription was confirmed already; nothing changed.'}</p>
<p>You get: ${describePreferences(preferences, sectionLabel)}.</p>
<p>Every alert has a link to change this or to unsubscribe, or <a href="${safeUrl(preferencesUrl)}" rel="noreferrer">change it now</a>.</p>`,
  );
}

/**
 * One checkbox per section of the site (SITE_SECTIONS, in its order), ticked where `chosen`.
 * A form posts every ticked box as `sections=politics&sections=world`.
 */
export function sectionChoices(siteSections: readonly SiteSection[], chosen: readonly string[]): SafeHtml {
  return html`<fieldset class="sections"><legend>Sections</legend>
${siteSections.map(
  ({ slug, label }) => html`<label class="choice"><input type="checkbox" name="sections" value="${slug}"${chosen.includes(slug) ? html` checked` : null}> ${label}</label>`,
)}
</fieldset>`;
}

const FREQUENCY_LABELS: Record<Frequency, string> = {
  'every-story': 'An alert for every story I follow',
  'breaking-only': 'Breaking news only (with no sections or tags: every breaking story)',
  'daily-digest': 'One e-mail a day listing the stories I follow',
};

/** The frequency radio buttons a channel offers (CHANNEL_FREQUENCIES): a browser gets no digest. */
function frequencyChoices(kind: 'email' | 'push', chosen: Frequency): SafeHtml {
  return html`<fieldset class="frequency"><legend>How often</legend>
${CHANNEL_FREQUENCIES[kind].map(
  (frequency) => html`<label class="choice"><input type="radio" name="frequency" value="${frequency}"${frequency === chosen ? html` checked` : null}> ${FREQUENCY_LABELS[frequency]}</label>`,
)}
</fieldset>`;
}

/** The time zone and quiet hours fields; empty times mean no quiet hours. */
function quietHoursFields(preferences: Pick<Preferences, 'timeZone' | 'quietHours'>): SafeHtml {
  return html`<fieldset class="quiet-hours"><legend>Quiet hours</legend>
<label for="quietHoursStart">From</label>
<input type="time" id="quietHoursStart" name="quietHoursStart" value="${preferences.quietHours?.start ?? ''}">
<label for="quietHoursEnd">until</label>
<input type="time" id="quietHoursEnd" name="quietHoursEnd" value="${preferences.quietHours?.end ?? ''}">
<label for="timeZone">Time zone</label>
<input type="text" id="timeZone" name="timeZone" value="${preferences.timeZone}" autocomplete="off">
<p class="hint">Alerts due in these hours wait until they end; breaking news comes at once. Leave the times empty for none. The time zone also sets when a daily digest arrives, e.g. Europe/Kyiv or America/New_York.</p>
</fieldset>`;
}

/** Tags, how often and quiet hours, the same on the signup and preference forms. */
function tagAndScheduleFields(kind: 'email' | 'push', preferences: Pick<Preferences, 'tags' | 'frequency' | 'timeZone' | 'quietHours'>): SafeHtml {
  return html`<label for="tags">Tags <span class="hint">(comma-separated, as you would write them)</span></label>
<input type="text" id="tags" name="tags" value="${preferences.tags.join(', ')}" autocomplete="off">
<p class="hint">Topics separated by commas, e.g. ukraine, climate-change</p>
${frequencyChoices(kind, preferences.frequency)}
${quietHoursFields(preferences)}`;
}

export function preferencesPage(masthead: Masthead, view: RecipientView, token: string, siteSections: readonly SiteSection[], notice?: string): string {
  if (!view.subscribed) {
    return htmlPage(masthead, 'Alert preferences', html`<p>Alerts for ${view.label} are switched off. Sign up again to get alerts.</p>`);
  }
  const { sections } = view.preferences;
  // A section the site no longer has cannot be chosen again; saving the form drops it.
  const retired = sections.filter((section) => !siteSections.some((site) => site.slug === section));
  return htmlPage(
    masthead,
    'Alert preferences',
    html`${notice && html`<p role="status"><strong>${notice}</strong></p>`}
<p>Alerts for ${view.label}. You get: ${describePreferences(view.preferences, (slug) => siteSections.find((section) => section.slug === slug)?.label ?? slug)}.</p>
<p class="hint">These choices are for ${view.kind === 'email' ? 'this e-mail address' : 'this browser'} only: your e-mail alerts and the notifications in each browser each keep their own.</p>
<form method="post" action="${actionUrl('/preferences', token)}">
${sectionChoices(siteSections, sections)}
${retired.length > 0 && html`<p class="hint">No longer on the site: ${retired.join(', ')}. Saving removes them.</p>`}
${tagAndScheduleFields(view.kind, view.preferences)}
<button type="submit">Save preferences</button>
</form>
${unsubscribeForm(token, 'Unsubscribe from all alerts')}`,
  );
}

/**
 * The signup form notifications serves itself (`GET /subscribe`); the site's pages carry the same
 * fields. The time zone field starts at the site's (`siteTimeZone`).
 */
export function subscribePage(masthead: Masthead, siteSections: readonly SiteSection[], siteTimeZone: string = DEFAULT_TIME_ZONE): string {
  return htmlPage(
    masthead,
    `Get ${masthead.name} alerts by email`,
    html`<form method="post" action="/subscribe">
<label for="email">Email address</label>
<input type="email" id="email" name="email" required maxlength="254" autocomplete="email">
${sectionChoices(siteSections, [])}
${tagAndScheduleFields('email', { tags: [], frequency: 'every-story', timeZone: siteTimeZone, quietHours: null })}
<button type="submit">Subscribe</button>
</form>
<p class="hint">We send a link to confirm first. Every email has a link to change what you get or to stop.</p>
<p><a href="${safeUrl(masthead.siteUrl)}">Back to the site</a></p>`,
  );
}

/**
 * The answer to every signup, known address or not: nothing here tells who subscribes. `backTo`:
 * the page of the site the form was on (wayBack checked it), else the site.
 */
export function checkYourInboxPage(masthead: Masthead, backTo?: string): string {
  return htmlPage(
    masthead,
    'Check your inbox',
    html`<p role="status">Thanks. If this address can get alerts, an email is on its way: follow its link to confirm.</p>
<p class="hint">Nothing arrives? Look in the spam folder, or sign up again in a few minutes.</p>
<p><a href="${safeUrl(backTo ?? masthead.siteUrl)}">${backTo ? 'Back to where you were' : 'Back to the site'}</a></p>`,
  );
}

export function unsubscribeConfirmPage(masthead: Masthead, view: RecipientView, token: string): string {
  if (!view.subscribed) {
    return htmlPage(masthead, 'Unsubscribed', html`<p>${view.label} gets no more alerts.</p>`);
  }
  return htmlPage(masthead, 'Unsubscribe', html`<p>Stop all ${masthead.name} alerts for ${view.label}?</p>
${unsubscribeForm(token, 'Unsubscribe')}`);
}

/** After an unsubscribe, with the way back to the site (the masthead's), where alerts can be turned on again. */
export function unsubscribedPage(masthead: Masthead, view: RecipientView, changed: boolean): string {
  return htmlPage(
    masthead,
    'Unsubscribed',
    html`<p>${changed ? 'Done: ' : 'Already done: '}${view.label} gets no more ${masthead.name} alerts.</p>
<p><a href="${safeUrl(masthead.siteUrl)}">Back to the site</a></p>`,
  );
}

/** A refusal as a page, with the way back to the site (the masthead's) so a reader is never left at a dead end. */
export function errorPage(masthead: Masthead, status: number, code: string, message: string): string {
  const title = status === 410 ? 'This link has expired' : status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'This did not work';
  const back = html`<p><a href="${safeUrl(masthead.siteUrl)}">Back to the site</a></p>`;
  return htmlPage(masthead, title, html`<p class="error">${message}</p><p class="code">Error code: ${code}</p>${back}`);
}
