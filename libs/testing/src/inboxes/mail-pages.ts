import { type IncomingMessage, type ServerResponse } from 'node:http';
import { sendHtml, sendJson, sendText } from './http';
import { escapeHtml, formatTime, page } from './html';
import { type CaughtMail } from './mail-catcher';

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
  if (mails.length === 0) return page(options, '<p class="empty">No mail yet. Anything sent to this SMTP server shows up here.</p>');
  const rows = mails
    .map(
      (mail) => `<tr>
  <td class="muted">${escapeHtml(formatTime(mail.receivedAt))}</td>
  <td>${escapeHtml(mail.to.join(', '))}</td>
  <td><a href="/messages/${encodeURIComponent(mail.id)}">${escapeHtml(mail.subject || '(no subject)')}</a></td>
</tr>`,
    )
    .join('\n');
  return page(options, `<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`);
}

function messagePage(mail: CaughtMail): string {
  const headers = Object.entries(mail.headers)
    .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  // The mail's HTML goes into srcdoc of an iframe with an empty sandbox: no script,
  // no forms, no same-origin access. The attribute escaping keeps it inside srcdoc.
  const html =
    mail.html === null
      ? '<p class="muted">No HTML part.</p>'
      : `<iframe sandbox srcdoc="${escapeHtml(mail.html)}" title="HTML part"></iframe>`;
  return page(
    { title: 'Local mail', nav: NAV },
    `<h2>${escapeHtml(mail.subject || '(no subject)')}</h2>
<p class="muted">From ${escapeHtml(mail.from)} to ${escapeHtml(mail.to.join(', '))} at ${escapeHtml(formatTime(mail.receivedAt))}</p>
<h3>HTML part</h3>
${html}
<h3>Text part</h3>
<pre>${escapeHtml(mail.text)}</pre>
<h3>Headers</h3>
<table>${headers}</table>`,
  );
}
