import { type IncomingMessage, type ServerResponse } from 'node:http';
import { html, safeUrl, type SafeHtml } from '@newsroom/html';
import { readBody, sendHtml, sendJson, sendText } from './http';
import { formatTime, page } from './html';

/*
 * What the pages need of the push inbox, declared here so that the inbox and
 * its pages do not import each other; the inbox's own types have these fields.
 */
interface ReceivedPush {
  label?: string;
  receivedAt: string;
  urgency: string;
  vapidSubject?: string;
  text: string;
  payload: unknown;
}

interface PushPreferences {
  sections?: string[];
  tags?: string[];
  breakingOnly?: boolean;
  label?: string;
}

interface PushRegistration {
  subscription: { endpoint: string };
  status: number;
  response: unknown;
}

export interface PushPageState {
  received(): readonly ReceivedPush[];
  rejected(): readonly unknown[];
  subscriptions(): Array<{ id: string; label?: string; endpoint: string }>;
  notificationsUrl?: string;
  register(prefs: PushPreferences): Promise<PushRegistration>;
}

const NAV = [
  { href: '/', label: 'Notifications' },
  { href: '/subscribe', label: 'Subscribe this inbox' },
  { href: '/api/pushes', label: 'JSON' },
];
const TITLE = 'Local push inbox';

/** Serves the inbox's human page and its JSON. */
export async function handlePushPage(req: IncomingMessage, res: ServerResponse, state: PushPageState): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://inbox').pathname;
  try {
    if (path === '/subscribe' && req.method === 'POST') return await subscribe(req, res, state);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed');
    if (path === '/') return sendHtml(res, 200, listPage([...state.received()].reverse(), state));
    if (path === '/subscribe') return sendHtml(res, 200, subscribePage(state));
    if (path === '/api/pushes') return sendJson(res, 200, [...state.received()].reverse());
    if (path === '/api/rejected') return sendJson(res, 200, [...state.rejected()].reverse());
    if (path === '/api/subscriptions') return sendJson(res, 200, state.subscriptions());
    return sendText(res, 404, 'Not Found');
  } catch (error) {
    if (!res.headersSent) sendText(res, 500, error instanceof Error ? error.message : String(error));
  }
}

/** The fields a service worker would typically pass to `showNotification()`. */
function asNotification(push: ReceivedPush): { title: string; body: string; url?: string; tag?: string } {
  const payload = push.payload;
  if (!payload || typeof payload !== 'object') return { title: '(push without a JSON payload)', body: push.text };
  const record = payload as Record<string, unknown>;
  const nested = (key: string) => (record[key] && typeof record[key] === 'object' ? (record[key] as Record<string, unknown>) : {});
  const pick = (...values: unknown[]) => values.find((value): value is string => typeof value === 'string' && value !== '');
  return {
    title: pick(record.title, nested('notification').title) ?? '(no title)',
    body: pick(record.body, nested('notification').body) ?? '',
    url: pick(record.url, nested('data').url, nested('notification').url),
    tag: pick(record.tag, nested('notification').tag),
  };
}

function listPage(pushes: readonly ReceivedPush[], state: PushPageState): string {
  const options = { title: TITLE, nav: NAV, refreshSeconds: 5 };
  const rejectedCount = state.rejected().length;
  const rejectedNote =
    rejectedCount > 0 ? html`<p class="error">${rejectedCount} push request(s) were refused; see <a href="/api/rejected">/api/rejected</a>.</p>` : null;
  if (pushes.length === 0) {
    return page(options, html`${rejectedNote}<p class="empty">No notifications yet. <a href="/subscribe">Subscribe this inbox</a>, then publish an article.</p>`);
  }
  const cards = pushes.map((push) => {
    const note = asNotification(push);
    const href = safeUrl(note.url);
    return html`<article class="card">
  <h2>${note.title}</h2>
  <p>${note.body}</p>
  ${href && html`<p><a href="${href}" rel="noopener noreferrer">${note.url}</a></p>`}
  <p class="muted">${note.tag && html`<span class="tag">${note.tag}</span>`}${push.label && html`<span class="tag">${push.label}</span>`}${formatTime(push.receivedAt)} · urgency ${push.urgency} · from ${push.vapidSubject ?? 'unknown sender'}</p>
</article>
`;
  });
  return page(options, html`${rejectedNote}${cards}`);
}

function subscribePage(state: PushPageState, result: SafeHtml | null = null): string {
  if (!state.notificationsUrl) {
    return page(
      { title: TITLE, nav: NAV },
      html`<p class="empty">Start the inbox with a <code>notificationsUrl</code> to register subscriptions from here.</p>`,
    );
  }
  const subscriptions = state.subscriptions().map((s) => html`<li>${s.label ?? '(no label)'} <span class="muted">${s.endpoint}</span></li>`);
  return page(
    { title: TITLE, nav: NAV },
    html`${result}
<form method="post" action="/subscribe">
  <label>Sections (comma separated, empty for all)<input type="text" name="sections" placeholder="politics, world"></label>
  <label>Tags (comma separated)<input type="text" name="tags" placeholder="ukraine"></label>
  <label class="inline"><input type="checkbox" name="breakingOnly"> Breaking news only</label>
  <label>Label (only shown here)<input type="text" name="label" placeholder="my laptop"></label>
  <button type="submit">Subscribe this inbox</button>
  <p class="muted">Registers with ${state.notificationsUrl}/v1/push-subscriptions</p>
</form>
${subscriptions.length > 0 && html`<h3>Subscriptions</h3><ul>${subscriptions}</ul>`}`,
  );
}

async function subscribe(req: IncomingMessage, res: ServerResponse, state: PushPageState): Promise<void> {
  // Another site open in the same browser must not be able to submit this form.
  if (!sameOrigin(req)) return sendText(res, 403, 'Cross-origin form submission refused');
  if (!state.notificationsUrl) return sendHtml(res, 409, subscribePage(state));
  const form = new URLSearchParams((await readBody(req, 16 * 1024)).toString('utf8'));
  const list = (name: string) => {
    const items = (form.get(name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
    return items.length ? items : undefined;
  };
  const prefs: PushPreferences = {
    sections: list('sections'),
    tags: list('tags'),
    breakingOnly: form.get('breakingOnly') !== null,
    label: form.get('label')?.trim() || undefined,
  };
  let result: SafeHtml;
  try {
    const registration = await state.register(prefs);
    const ok = registration.status >= 200 && registration.status < 300;
    result = html`<p class="${ok ? '' : 'error'}">${state.notificationsUrl} answered ${registration.status}${
      ok && html`; this inbox now receives at ${registration.subscription.endpoint}`
    }</p>
<pre>${JSON.stringify(registration.response, null, 2)}</pre>`;
  } catch (error) {
    result = html`<p class="error">Could not reach ${state.notificationsUrl}: ${error instanceof Error ? error.message : String(error)}</p>`;
  }
  sendHtml(res, 200, subscribePage(state, result));
}

/** Browsers send Origin with form posts; a missing one means a script or curl, which is fine locally. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
