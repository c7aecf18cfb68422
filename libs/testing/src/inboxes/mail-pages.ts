import { type IncomingMessage, type ServerResponse } from 'node:http';
import { html } from '@newsroom/html';
import type { CaughtMail } from './caught-mail';
import { sendHtml, sendJson, sendText } from './http';
import { formatTime, page } from './html';

const NAV = [
  { href: '/', label: 'Messages' },
  { href: '/api/messages', label: 'JSON' },
];

/** Serves the catcher's web page: list, one message, and JSON. */
export function handleMailPage(req: IncomingMessage, res: ServerResponse, messages: () => readonly CaughtMail[]): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  const path = new URL(req.url ?? '/', 'http://inbox').pathname;
  const newestFirst = [...messages()].reverse();
  if (path === '/') return sendHtml(res, 200, listPage(newestFirst));
  if (path === '/api/messages') return sendJson(res, 200, newestFirst);
  const match = /^\/(api\/)?messages\/([^/]+)$/.exec(path);
  const mail = match ? newestFirst.find((candidate) => candidate.id === match[2]) : undefined;
  if (!match || !mail) return sendText(res, 404, 'Not Found');
  return match[1] ? sendJson(res, 200, mail) : sendHtml(res, 200, messagePage(mail));
}

function listPage(mails: readonly CaughtMail[]): string {
  const options = { title: 'Local mail', nav: NAV, refreshSeconds: 5 };
  if (mails.length === 0) return page(options, html`<p class="empty">No mail yet. Anything sent to this SMTP server shows up here.</p>`);
  const rows = mails.map(
    (mail) => html`<tr>
  <td class="muted">${formatTime(mail.receivedAt)}</td>
  <td>${mail.to.join(', ')}</td>
  <td><a href="/messages/${encodeURIComponent(mail.id)}">${mail.subject || '(no subject)'}</a></td>
</tr>
`,
  );
  return page(options, html`<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`);
}

function messagePage(mail: CaughtMail): string {
  const headers = Object.entries(mail.headers).map(([name, value]) => html`<tr><th>${name}</th><td>${value}</td></tr>
`);
  // The mail's HTML goes into srcdoc of an iframe with an empty sandbox: no script,
  // no forms, no same-origin access. The attribute escaping keeps it inside srcdoc.
  const htmlPart =
    mail.html === null ? html`<p class="muted">No HTML part.</p>` : html`<iframe sandbox srcdoc="${mail.html}" title="HTML part"></iframe>`;
  return page(
    { title: 'Local mail', nav: NAV },
    html`<h2>${mail.subject || '(no subject)'}</h2>
<p class="muted">From ${mail.from} to ${mail.to.join(', ')} at ${formatTime(mail.receivedAt)}</p>
<h3>HTML part</h3>
${htmlPart}
<h3>Text part</h3>
<pre>${mail.text}</pre>
<h3>Headers</h3>
<table>${headers}</table>`,
  );
}
