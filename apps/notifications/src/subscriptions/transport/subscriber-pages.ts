import type { SiteSection } from '@newsroom/config';
import { html, safeUrl, type SafeHtml } from '@newsroom/html';
import { tagAsWritten } from '@newsroom/contracts';
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
/**
 * `sectionLabel`: a section's name as readers know it (SiteSectionList.labelOf); `tagNames`: the
 * words the followed tags were typed as on the site (TagNameRepository.namesOf). Pages without
 * them show slugs.
 */
export function confirmSignupPage(masthead: Masthead, view: RecipientView, token: string, sectionLabel?: (slug: string) => string, tagNames?: TagNames): string {
  // Opened again later (from the same e-mail): say where it stands rather than offer a button that does nothing, or is refused.
  if (!view.subscribed) {
    return htmlPage(masthead, 'Unsubscribed', html`<p>${view.label} unsubscribed from these alerts; this link cannot start them again.</p>${waysBack(masthead)}`);
  }
  if (!view.awaitingConfirmation) {
    return htmlPage(masthead, 'Already confirmed', html`<p>${masthead.name} alerts for ${view.label} are on: ${describePreferences(view.preferences, sectionLabel, tagNameIn(tagNames))}.</p>
<p>Every alert has a link to change this or to unsubscribe.</p>${backToSite(masthead)}`);
  }
  return htmlPage(
    masthead,
    'Confirm your alerts',
    html`<p>${masthead.name} alerts for ${view.label}: ${describePreferences(view.preferences, sectionLabel, tagNameIn(tagNames))}.</p>
<form method="post" action="${actionUrl('/v1/subscribers/confirm', token)}">
<button type="submit">Yes, send me alerts</button>
</form>
<p class="hint">If you did not ask for them, close this page: nothing is sent until you confirm.</p>`,
  );
}

export function confirmedPage(masthead: Masthead, newlyConfirmed: boolean, preferences: Preferences, preferencesUrl: string, sectionLabel?: (slug: string) => string, tagNames?: TagNames): string {
  return htmlPage(
    masthead,
    newlyConfirmed ? 'Subscription confirmed' : 'Already confirmed',
    html`<p>${newlyConfirmed ? `Thank you: your ${masthead.name} alerts are on.` : 'This subscription was confirmed already; nothing changed.'}</p>
<p>You get: ${describePreferences(preferences, sectionLabel, tagNameIn(tagNames))}.</p>
<p>Every alert has a link to change this or to unsubscribe, or <a href="${safeUrl(preferencesUrl)}" rel="noreferrer">change it now</a>.</p>${backToSite(masthead)}`,
  );
}

/** The inputs of the signup and preference forms, by their `name` (and `id`). */
export type FormField = 'email' | 'sections' | 'tags' | 'frequency' | 'timeZone' | 'quietHoursStart' | 'quietHoursEnd';

/**
 * What the preference fields of a form show, as text: the stored preferences (formValuesOf), or
 * what a reader sent when the form was refused (tags as typed, a time zone that may be unknown,
 * one quiet-hours time without the other).
 */
export interface FormValues {
  /** Section slugs to tick; one the site does not list is not shown. */
  sections: readonly string[];
  /** The tags field as typed, comma-separated. */
  tags: string;
  /** The frequency radio button to check; none when it is not one the channel offers. */
  frequency: string;
  timeZone: string;
  /** HH:MM, or empty. */
  quietHoursStart: string;
  quietHoursEnd: string;
}

/** The signup form's values: the preference fields, the address, and `returnTo` (a page of the site, wayBack checked) when the form was on one. */
export interface SignupFormValues extends FormValues {
  email: string;
  returnTo?: string;
}

/** One thing a reader is asked to fix, in their words; `field` when it is about one input, which then shows it too. */
export interface FormProblem {
  field?: FormField;
  message: string;
}

/**
 * A refused form post, shown as the form again: what the reader sent (`values`), what to fix
 * (`problems`, at least one) and the refusal's code, in small print for support.
 */
export interface FormRefusal<Values extends FormValues = FormValues> {
  values: Values;
  problems: readonly FormProblem[];
  code: string;
}

/** Tag → the words stories typed it as (TagNameRepository.namesOf). */
export type TagNames = Readonly<Record<string, string>>;

/** A followed tag as pages name it: its words where a story gave some, else the tag. */
function tagNameIn(names: TagNames | undefined): (tag: string) => string {
  return (tag) => tagAsWritten(tag, names);
}

/**
 * The stored preferences as the form shows them; each tag in its words (`tagNames`), which the
 * form reads back as the same tag (a label's slug is its tag).
 */
export function formValuesOf(preferences: Pick<Preferences, 'sections' | 'tags' | 'frequency' | 'timeZone' | 'quietHours'>, tagNames?: TagNames): FormValues {
  return {
    sections: preferences.sections,
    tags: preferences.tags.map(tagNameIn(tagNames)).join(', '),
    frequency: preferences.frequency,
    timeZone: preferences.timeZone,
    quietHoursStart: preferences.quietHours?.start ?? '',
    quietHoursEnd: preferences.quietHours?.end ?? '',
  };
}

/**
 * What marks `field` when problems are about it: the message beside it (with the id that
 * aria-describedby names), and the attributes that mark the input, or the group of inputs, as the
 * one to fix. aria-invalid is for inputs; a fieldset only points at its message.
 */
function fieldMarks(field: FormField, problems: readonly FormProblem[], kind: 'input' | 'group' = 'input'): { attributes: SafeHtml | null; message: SafeHtml | null } {
  const messages = problems.filter((problem) => problem.field === field).map((problem) => problem.message);
  if (messages.length === 0) return { attributes: null, message: null };
  return {
    attributes: kind === 'input' ? html` aria-invalid="true" aria-describedby="${field}-error"` : html` aria-describedby="${field}-error"`,
    message: html`<p class="error" id="${field}-error">${messages.join(' ')}</p>`,
  };
}

/**
 * What a refused form says above its fields: `lead` (that nothing was done yet), every problem
 * (linked to the field it is about), and the code in small print for support. role="alert": a
 * screen reader reads it as the page opens.
 */
function refusalSummary(lead: string, refusal: FormRefusal): SafeHtml {
  return html`<div class="error-summary" role="alert">
<p><strong>${lead}</strong></p>
<ul>
${refusal.problems.map((problem) => html`<li>${problem.field ? html`<a href="#${problem.field}">${problem.message}</a>` : problem.message}</li>`)}
</ul>
<p class="code">Error code: ${refusal.code}</p>
</div>
`;
}

/**
 * One checkbox per section of the site (SITE_SECTIONS, in its order), ticked where `chosen`.
 * A form posts every ticked box as `sections=politics&sections=world`. `problems`: a refused
 * form's, of which those about `sections` show in the group.
 */
export function sectionChoices(siteSections: readonly SiteSection[], chosen: readonly string[], problems: readonly FormProblem[] = []): SafeHtml {
  const problem = fieldMarks('sections', problems, 'group');
  return html`<fieldset class="sections" id="sections"${problem.attributes}><legend>Sections</legend>${problem.message}
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
function frequencyChoices(kind: 'email' | 'push', chosen: string, problems: readonly FormProblem[]): SafeHtml {
  const problem = fieldMarks('frequency', problems, 'group');
  return html`<fieldset class="frequency" id="frequency"${problem.attributes}><legend>How often</legend>${problem.message}
${CHANNEL_FREQUENCIES[kind].map(
  (frequency) => html`<label class="choice"><input type="radio" name="frequency" value="${frequency}"${frequency === chosen ? html` checked` : null}> ${FREQUENCY_LABELS[frequency]}</label>`,
)}
</fieldset>`;
}

/** The time zone and quiet hours fields; empty times mean no quiet hours. */
function quietHoursFields(values: Pick<FormValues, 'timeZone' | 'quietHoursStart' | 'quietHoursEnd'>, problems: readonly FormProblem[]): SafeHtml {
  const [start, end, zone] = (['quietHoursStart', 'quietHoursEnd', 'timeZone'] as const).map((field) => fieldMarks(field, problems));
  return html`<fieldset class="quiet-hours"><legend>Quiet hours</legend>
<label for="quietHoursStart">From</label>${start.message}
<input type="time" id="quietHoursStart" name="quietHoursStart" value="${values.quietHoursStart}"${start.attributes}>
<label for="quietHoursEnd">until</label>${end.message}
<input type="time" id="quietHoursEnd" name="quietHoursEnd" value="${values.quietHoursEnd}"${end.attributes}>
<label for="timeZone">Time zone</label>${zone.message}
<input type="text" id="timeZone" name="timeZone" value="${values.timeZone}" autocomplete="off"${zone.attributes}>
<p class="hint">Alerts due in these hours wait until they end; breaking news comes at once. Leave the times empty for none. The time zone also sets when a daily digest arrives, e.g. Europe/Kyiv or America/New_York.</p>
</fieldset>`;
}

/** Tags, how often and quiet hours, the same on the signup and preference forms; `problems` show beside the fields they are about. */
function tagAndScheduleFields(kind: 'email' | 'push', values: FormValues, problems: readonly FormProblem[] = []): SafeHtml {
  const tags = fieldMarks('tags', problems);
  return html`<label for="tags">Tags <span class="hint">(comma-separated, as you would write them)</span></label>${tags.message}
<input type="text" id="tags" name="tags" value="${values.tags}" autocomplete="off"${tags.attributes}>
<p class="hint">Topics separated by commas, e.g. ukraine, climate-change</p>
${frequencyChoices(kind, values.frequency, problems)}
${quietHoursFields(values, problems)}`;
}

/**
 * The preference form of the recipient a manage link names. `notice`: what was just done
 * ("saved"). `refused`: a refused post of this form, shown with what the reader sent and what to
 * fix instead of the stored preferences (which the "You get" line still describes: nothing was
 * saved).
 */
export function preferencesPage(
  masthead: Masthead,
  view: RecipientView,
  token: string,
  siteSections: readonly SiteSection[],
  { notice, refused, tagNames }: { notice?: string; refused?: FormRefusal; tagNames?: TagNames } = {},
): string {
  if (!view.subscribed) {
    return htmlPage(masthead, 'Alert preferences', html`<p>Alerts for ${view.label} are switched off.</p>${waysBack(masthead)}`);
  }
  const values = refused?.values ?? formValuesOf(view.preferences, tagNames);
  const problems = refused?.problems ?? [];
  // A section the site no longer has cannot be chosen again; saving the form drops it.
  const retired = view.preferences.sections.filter((section) => !siteSections.some((site) => site.slug === section));
  return htmlPage(
    masthead,
    'Alert preferences',
    html`${refused && refusalSummary('Your changes are not saved yet.', refused)}${notice && html`<p role="status"><strong>${notice}</strong></p>`}
<p>Alerts for ${view.label}. You get: ${describePreferences(view.preferences, (slug) => siteSections.find((section) => section.slug === slug)?.label ?? slug, tagNameIn(tagNames))}.</p>
<p class="hint">These choices are for ${view.kind === 'email' ? 'this e-mail address' : 'this browser'} only: your e-mail alerts and the notifications in each browser each keep their own.</p>
<form method="post" action="${actionUrl('/preferences', token)}">
${sectionChoices(siteSections, values.sections, problems)}
${retired.length > 0 && html`<p class="hint">No longer on the site: ${retired.join(', ')}. Saving removes them.</p>`}
${tagAndScheduleFields(view.kind, values, problems)}
<button type="submit">Save preferences</button>
</form>
${unsubscribeForm(token, 'Unsubscribe from all alerts')}`,
  );
}

/**
 * The signup form notifications serves itself (`GET /subscribe`); the site's pages carry the same
 * fields. The time zone field starts at the site's (`siteTimeZone`). `refused`: a refused post of
 * this form (or the site's), shown with what the reader sent and what to fix; its `returnTo`
 * goes back with the form, and is the page's way back.
 */
export function subscribePage(masthead: Masthead, siteSections: readonly SiteSection[], siteTimeZone: string = DEFAULT_TIME_ZONE, refused?: FormRefusal<SignupFormValues>): string {
  const values: SignupFormValues = refused?.values ?? { email: '', ...formValuesOf({ sections: [], tags: [], frequency: 'every-story', timeZone: siteTimeZone, quietHours: null }) };
  const problems = refused?.problems ?? [];
  const email = fieldMarks('email', problems);
  return htmlPage(
    masthead,
    `Get ${masthead.name} alerts by email`,
    html`${refused && refusalSummary('You are not signed up yet.', refused)}<form method="post" action="/subscribe">
<label for="email">Email address</label>${email.message}
<input type="email" id="email" name="email" required maxlength="254" autocomplete="email" value="${values.email}"${email.attributes}>
${sectionChoices(siteSections, values.sections, problems)}
${tagAndScheduleFields('email', values, problems)}${values.returnTo && html`
<input type="hidden" name="returnTo" value="${values.returnTo}">`}
<button type="submit">Subscribe</button>
</form>
<p class="hint">We send a link to confirm first. Every email has a link to change what you get or to stop.</p>
<p><a href="${safeUrl(values.returnTo ?? masthead.siteUrl)}">${values.returnTo ? 'Back to where you were' : 'Back to the site'}</a></p>`,
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
    return htmlPage(masthead, 'Unsubscribed', html`<p>${view.label} gets no more alerts.</p>${waysBack(masthead)}`);
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
${waysBack(masthead)}`,
  );
}

/**
 * The ways on from a page about alerts that are off: the signup form (served here, so its
 * address is this service's own) to start them again, and the site. No reader is left at a
 * dead end.
 */
function waysBack(masthead: Masthead): SafeHtml {
  return html`<p><a href="/subscribe">Sign up again</a> · <a href="${safeUrl(masthead.siteUrl)}">Back to the site</a></p>`;
}

/** The way back to the site (the masthead's), so a reader who is done here is never left at a dead end. */
function backToSite(masthead: Masthead): SafeHtml {
  return html`<p><a href="${safeUrl(masthead.siteUrl)}">Back to the site</a></p>`;
}

/** A refusal as a page, with the way back to the site. */
export function errorPage(masthead: Masthead, status: number, code: string, message: string): string {
  const title = status === 410 ? 'This link has expired' : status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'This did not work';
  return htmlPage(masthead, title, html`<p class="error">${message}</p><p class="code">Error code: ${code}</p>${backToSite(masthead)}`);
}
