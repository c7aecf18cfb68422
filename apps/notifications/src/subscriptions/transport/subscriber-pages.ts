import { escapeHtml, htmlPage } from '../../shared/html/html';
import { describePreferences, type Preferences } from '../domain/preferences';
import type { RecipientView } from '../use-cases/manage-preferences/recipient-view';

/** Forms post back to the same path with the same token; relative, so it works behind any proxy. */
function actionUrl(path: '/preferences' | '/unsubscribe', token: string): string {
  return escapeHtml(`${path}?token=${encodeURIComponent(token)}`);
}

export function confirmedPage(newlyConfirmed: boolean, preferences: Preferences, preferencesUrl: string): string {
  return htmlPage(
    newlyConfirmed ? 'Subscription confirmed' : 'Already confirmed',
    `<p>${newlyConfirmed ? 'Thank you: your Newsroom alerts are on.' : 'This subscription was confirmed already; nothing changed.'}</p>
<p>You get: ${escapeHtml(describePreferences(preferences))}.</p>
<p>Every alert has a link to change this or to unsubscribe, or <a href="${escapeHtml(preferencesUrl)}" rel="noreferrer">change it now</a>.</p>`,
  );
}

export function preferencesPage(view: RecipientView, token: string, notice?: string): string {
  if (!view.subscribed) {
    return htmlPage('Alert preferences', `<p>Alerts for ${escapeHtml(view.label)} are switched off. Sign up again to get alerts.</p>`);
  }
  const { sections, tags, breakingOnly } = view.preferences;
  return htmlPage(
    'Alert preferences',
    `${notice ? `<p role="status"><strong>${escapeHtml(notice)}</strong></p>` : ''}
<p>Alerts for ${escapeHtml(view.label)}. You get: ${escapeHtml(describePreferences(view.preferences))}.</p>
<form method="post" action="${actionUrl('/preferences', token)}">
<label for="sections">Sections</label>
<input type="text" id="sections" name="sections" value="${escapeHtml(sections.join(', '))}" autocomplete="off">
<p class="hint">Section names separated by commas, e.g. politics, business</p>
<label for="tags">Tags</label>
<input type="text" id="tags" name="tags" value="${escapeHtml(tags.join(', '))}" autocomplete="off">
<p class="hint">Topics separated by commas, e.g. ukraine, climate-change</p>
<label><input type="checkbox" name="breakingOnly" value="on"${breakingOnly ? ' checked' : ''}> Breaking news only</label>
<p class="hint">With no sections or tags, you get every breaking story.</p>
<button type="submit">Save preferences</button>
</form>
<form method="post" action="${actionUrl('/unsubscribe', token)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe from all alerts</button>
</form>`,
  );
}

export function unsubscribeConfirmPage(view: RecipientView, token: string): string {
  if (!view.subscribed) {
    return htmlPage('Unsubscribed', `<p>${escapeHtml(view.label)} gets no more alerts.</p>`);
  }
  return htmlPage(
    'Unsubscribe',
    `<p>Stop all Newsroom alerts for ${escapeHtml(view.label)}?</p>
<form method="post" action="${actionUrl('/unsubscribe', token)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>`,
  );
}

export function unsubscribedPage(view: RecipientView, changed: boolean): string {
  return htmlPage(
    'Unsubscribed',
    `<p>${changed ? 'Done: ' : 'Already done: '}${escapeHtml(view.label)} gets no more Newsroom alerts.</p>`,
  );
}

export function errorPage(status: number, code: string, message: string): string {
  const title = status === 410 ? 'This link has expired' : status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'This did not work';
  return htmlPage(title, `<p class="error">${escapeHtml(message)}</p><p class="code">Error code: ${escapeHtml(code)}</p>`);
}
