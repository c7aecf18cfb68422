import type { OutgoingMail } from '../../shared/mail/mailer';
import { escapeHtml, safeHref } from '../../shared/html/html';
import type { AlertContent } from '../domain/article-alert';

export type AlertText = Pick<AlertContent, 'headline' | 'standfirst' | 'url' | 'priority' | 'section'>;

/** Header values and notification titles are one line; a stray newline must not start a new header. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export function alertTitle(alert: AlertText): string {
  return `${alert.priority === 'breaking' ? 'Breaking: ' : ''}${oneLine(alert.headline)}`;
}

/**
 * The alert email: the headline as subject, the standfirst, a link to the
 * article, and links to change preferences or unsubscribe, with the RFC 8058
 * one-click headers so mail clients can offer "Unsubscribe" themselves.
 */
export function alertEmail(to: string, alert: AlertText, links: { preferencesUrl: string; unsubscribeUrl: string }): OutgoingMail {
  const standfirst = alert.standfirst?.trim() ?? '';
  const breaking = alert.priority === 'breaking';
  const text = [
    breaking ? 'BREAKING NEWS' : undefined,
    oneLine(alert.headline),
    standfirst ? `\n${standfirst}` : undefined,
    `\nRead the story: ${alert.url}`,
    '\n--',
    'You get this because you subscribed to Newsroom alerts.',
    `Change what you get: ${links.preferencesUrl}`,
    `Unsubscribe: ${links.unsubscribeUrl}`,
  ]
    .filter((line) => line !== undefined)
    .join('\n');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(alertTitle(alert))}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem">
${breaking ? '<p style="color:#b00000;font-weight:bold;text-transform:uppercase">Breaking news</p>' : ''}
<h1 style="font-size:22px"><a href="${safeHref(alert.url)}" style="color:#1a1a1a">${escapeHtml(alert.headline)}</a></h1>
${standfirst ? `<p>${escapeHtml(standfirst)}</p>` : ''}
<p><a href="${safeHref(alert.url)}">Read the story</a></p>
<hr>
<p style="color:#555;font-size:13px">You get this because you subscribed to Newsroom alerts.
<a href="${safeHref(links.preferencesUrl)}">Change what you get</a> · <a href="${safeHref(links.unsubscribeUrl)}">Unsubscribe</a></p>
</body></html>`;
  return {
    to,
    subject: alertTitle(alert),
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

export interface PushPayload {
  title: string;
  body: string;
  url: string;
  /** Replaces an earlier notification about the same article instead of stacking. */
  tag: string;
}

export function alertPushPayload(articleId: string, alert: AlertText): PushPayload {
  return {
    title: alertTitle(alert),
    body: oneLine(alert.standfirst ?? ''),
    url: alert.url,
    tag: articleId,
  };
}
