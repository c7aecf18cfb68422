import { html, safeUrl, type SafeHtml } from '@newsroom/html';
import { htmlPage } from '../../shared/html/page';
import { describePreferences, type Preferences } from '../domain/preferences';
import type { RecipientView } from '../domain/recipient';

/** Forms post back to the same path with the same token; relative, so it works behind any proxy. */
function actionUrl(path: '/preferences' | '/unsubscribe', token: string): string {
  return `${path}?token=${encodeURIComponent(token)}`;
}

/** The one-click unsubscribe form (the same body mail providers send, RFC 8058). */
function unsubscribeForm(token: string, label: string): SafeHtml {
  return html`<form method="post" action="${actionUrl('/unsubscribe', token)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${label}</button>
</form>`;
}

export function confirmedPage(newlyConfirmed: boolean, preferences: Preferences, preferencesUrl: string): string {
  return htmlPage(
    newlyConfirmed ? 'Subscription confirmed' : 'Already confirmed',
    html`<p>${newlyConfirmed ? 'Thank you: your Newsroom alerts are on.' : 'This subscription was confirmed already; nothing changed.'}</p>
<p>You get: ${describePreferences(preferences)}.</p>
<p>Every alert has a link to change this or to unsubscribe, or <a href="${safeUrl(preferencesUrl)}" rel="noreferrer">change it now</a>.</p>`,
  );
}

export function preferencesPage(view: RecipientView, token: string, notice?: string): string {
  if (!view.subscribed) {
    return htmlPage('Alert preferences', html`<p>Alerts for ${view.label} are switched off. Sign up again to get alerts.</p>`);
  }
  const { sections, tags, breakingOnly } = view.preferences;
  return htmlPage(
    'Alert preferences',
    html`${notice && html`<p role="status"><strong>${notice}</strong></p>`}
<p>Alerts for ${view.label}. You get: ${describePreferences(view.preferences)}.</p>
<form method="post" action="${actionUrl('/preferences', token)}">
<label for="sections">Sections</label>
<input type="text" id="sections" name="sections" value="${sections.join(', ')}" autocomplete="off">
<p class="hint">Section names separated by commas, e.g. politics, business</p>
<label for="tags">Tags</label>
<input type="text" id="tags" name="tags" value="${tags.join(', ')}" autocomplete="off">
<p class="hint">Topics separated by commas, e.g. ukraine, climate-change</p>
<label><input type="checkbox" name="breakingOnly" value="on"${breakingOnly && html` checked`}> Breaking news only</label>
<p class="hint">With no sections or tags, you get every breaking story.</p>
<button type="submit">Save preferences</button>
</form>
${unsubscribeForm(token, 'Unsubscribe from all alerts')}`,
  );
}

export function unsubscribeConfirmPage(view: RecipientView, token: string): string {
  if (!view.subscribed) {
    return htmlPage('Unsubscribed', html`<p>${view.label} gets no more alerts.</p>`);
  }
  return htmlPage('Unsubscribe', html`<p>Stop all Newsroom alerts for ${view.label}?</p>
${unsubscribeForm(token, 'Unsubscribe')}`);
}

export function unsubscribedPage(view: RecipientView, changed: boolean): string {
  return htmlPage('Unsubscribed', html`<p>${changed ? 'Done: ' : 'Already done: '}${view.label} gets no more Newsroom alerts.</p>`);
}

export function errorPage(status: number, code: string, message: string): string {
  const title = status === 410 ? 'This link has expired' : status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'This did not work';
  return htmlPage(title, html`<p class="error">${message}</p><p class="code">Error code: ${code}</p>`);
}
