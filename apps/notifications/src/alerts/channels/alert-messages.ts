import { html, safeUrl } from '@newsroom/html';
import { emailDocument, footnote } from '../../shared/mail/email-document';
import type { OutgoingMail } from '../../shared/mail/mailer';
import type { AlertText } from '../domain/article-alert';

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
 * one-click headers so mail clients can offer "Unsubscribe" themselves. Only
 * http(s) URLs become links.
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
  const storyUrl = safeUrl(alert.url);
  const body = html`${breaking && html`<p style="color:#b00000;font-weight:bold;text-transform:uppercase">Breaking news</p>`}
<h1 style="font-size:22px">${storyUrl ? html`<a href="${storyUrl}" style="color:#1a1a1a">${alert.headline}</a>` : alert.headline}</h1>
${standfirst && html`<p>${standfirst}</p>`}
${storyUrl && html`<p><a href="${storyUrl}">Read the story</a></p>`}
<hr>
${footnote(html`You get this because you subscribed to Newsroom alerts.
<a href="${safeUrl(links.preferencesUrl)}">Change what you get</a> · <a href="${safeUrl(links.unsubscribeUrl)}">Unsubscribe</a>`)}`;
  return {
    to,
    subject: alertTitle(alert),
    text,
    html: emailDocument(alertTitle(alert), body),
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
