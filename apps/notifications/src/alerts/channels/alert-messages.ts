import { truncateText } from '@newsroom/contracts';
import { html, safeUrl, type SafeHtml } from '@newsroom/html';
import { emailDocument, footnote } from '../../shared/mail/email-document';
import type { OutgoingMail } from '../../shared/mail/mailer';
import type { AlertText } from '../domain/article-alert';

/**
 * Text for a mail header or a notification title: one line, with every control character and
 * whitespace run made one space, so a stray newline cannot start a new header. Stricter than the
 * article format's `oneLine` (contracts), which folds only line breaks and keeps a line's spacing
 * as typed: this is the last guard at the protocol's edge, for any text that reaches it.
 */
export function headerLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Letters of the scripts written right to left (Unicode Bidi_Class R and AL). */
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}\p{Script=Samaritan}\p{Script=Mandaic}]/u;
const LETTER = /\p{L}/u;

/**
 * The direction of a story's text as the Unicode bidirectional algorithm finds a paragraph's
 * (UAX #9, rules P2–P3: the first strong letter decides), for alerts that do not carry the
 * article's language. Mail clients do not all honour `dir="auto"`, so it is spelled out.
 */
export function storyDirection(...texts: Array<string | null | undefined>): 'ltr' | 'rtl' {
  for (const text of texts) {
    for (const char of text ?? '') {
      if (RTL_LETTER.test(char)) return 'rtl';
      if (LETTER.test(char)) return 'ltr';
    }
  }
  return 'ltr';
}

/** The language of the alert's own words (Breaking news, Read the story, the footnote). */
export const INTERFACE = { lang: 'en', dir: 'ltr' } as const;

/** The two lists a subscriber's mail belongs to: alerts (and their corrections), and the daily digest. */
const MAIL_LISTS = { alerts: 'alerts', digest: 'daily digest' } as const;

/** RFC 5322 specials: a display name holding one is sent as a quoted string. */
const PHRASE_SPECIALS = /[()<>[\]:;@\\,."]/;

/**
 * `Harwick Gazette alerts`, as a header's display name: one line, quoted when it holds a
 * special; a name beyond ASCII ("Новини: Київ alerts") as an RFC 2047 encoded word, which a
 * phrase may hold and a quoted string may not.
 */
function listName(publication: string, list: keyof typeof MAIL_LISTS): string {
  const name = headerLine(`${publication} ${MAIL_LISTS[list]}`);
  if (/[^\x00-\x7f]/.test(name)) return `=?UTF-8?B?${Buffer.from(name, 'utf8').toString('base64')}?=`;
  return PHRASE_SPECIALS.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
}

/**
 * The headers of every e-mail to a subscriber of `publication` (SITE_NAME):
 * - RFC 2369 `List-Unsubscribe` with RFC 8058 one-click, so mail clients offer "Unsubscribe" themselves;
 * - RFC 2919 `List-Id` (`Harwick Gazette alerts <alerts.alerts.example.com>`, named after the
 *   host of the subscriber links), so readers and mail clients can file alerts and digests apart;
 * - RFC 3834 `Auto-Submitted: auto-generated`, so out-of-office responders do not answer every
 *   alert, and `Precedence: bulk`, which responders older than RFC 3834 read instead.
 */
export function subscriberMailHeaders(publication: string, list: keyof typeof MAIL_LISTS, unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `${listName(publication, list)} <${list}.${new URL(unsubscribeUrl).hostname}>`,
    'Auto-Submitted': 'auto-generated',
    Precedence: 'bulk',
  };
}

/** A subscriber's own links, signed for them: change what they get, and stop. */
export interface SubscriberMailLinks {
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/**
 * The close of every e-mail to a subscriber, in its plain-text lines and its HTML: why they get
 * it (`reason`), and links to change what they get or to unsubscribe (only http(s) URLs become links).
 */
export function subscriberFooter(reason: string, links: SubscriberMailLinks): { text: string[]; html: SafeHtml } {
  return {
    text: ['\n--', reason, `Change what you get: ${links.preferencesUrl}`, `Unsubscribe: ${links.unsubscribeUrl}`],
    html: html`<hr>
${footnote(html`${reason}
<a href="${safeUrl(links.preferencesUrl)}">Change what you get</a> · <a href="${safeUrl(links.unsubscribeUrl)}">Unsubscribe</a>`)}`,
  };
}

/** A headline that already opens with the label ("Breaking: …", "BREAKING NEWS – …"), as desks often write them. */
const SAYS_BREAKING = /^\s*breaking(?:\s+news)?\s*[:|\-–—]/i;

/**
 * Whether a breaking story's title gets the "Breaking: " label in front: not when its headline
 * already opens with it, which would read "Breaking: Breaking: …".
 */
export function needsBreakingLabel(alert: Pick<AlertText, 'priority' | 'headline'>): boolean {
  return alert.priority === 'breaking' && !SAYS_BREAKING.test(alert.headline);
}

/** The subject of an alert e-mail and the title of its push: the headline, "Breaking: " in front for breaking news. */
export function alertTitle(alert: AlertText): string {
  return `${needsBreakingLabel(alert) ? 'Breaking: ' : ''}${headerLine(alert.headline)}`;
}

/**
 * The alert email of `publication` (SITE_NAME, named in the footer): the headline as subject, the standfirst, a link to the
 * article, and links to change preferences or unsubscribe, with the RFC 8058
 * one-click headers so mail clients can offer "Unsubscribe" themselves. Only
 * http(s) URLs become links. The headline and standfirst carry the story's
 * direction (`dir="rtl"` for an Arabic or Hebrew story) and, when `language` (a
 * BCP 47 tag) is given, its `lang`; without it the direction comes from the text.
 */
export function alertEmail(publication: string, to: string, alert: AlertText, links: SubscriberMailLinks): OutgoingMail {
  const footer = subscriberFooter(`You get this because you subscribed to ${publication} alerts.`, links);
  const standfirst = alert.standfirst?.trim() ?? '';
  const breaking = alert.priority === 'breaking';
  const text = [
    breaking ? 'BREAKING NEWS' : undefined,
    headerLine(alert.headline),
    standfirst ? `\n${standfirst}` : undefined,
    `\nRead the story: ${alert.url}`,
    ...footer.text,
  ]
    .filter((line) => line !== undefined)
    .join('\n');
  const storyUrl = safeUrl(alert.url);
  // The story's headline and standfirst in their own direction (right to left for Arabic or
  // Hebrew, aligned right), with the article's language when the alert knows it; the alert's
  // own words stay English, left to right.
  const dir = alert.language ? textDirectionOf(alert.language) : storyDirection(alert.headline, standfirst);
  const align = dir === 'rtl' ? 'right' : 'left';
  const body = html`${breaking && html`<p lang="${INTERFACE.lang}" dir="${INTERFACE.dir}" style="color:#b00000;font-weight:bold;text-transform:uppercase">Breaking news</p>`}
<div${alert.language ? html` lang="${alert.language}"` : null} dir="${dir}" style="text-align:${align}">
<h1 style="font-size:22px">${storyUrl ? html`<a href="${storyUrl}" style="color:#1a1a1a">${alert.headline}</a>` : alert.headline}</h1>
${standfirst && html`<p>${standfirst}</p>`}
</div>
${storyUrl && html`<p lang="${INTERFACE.lang}" dir="${INTERFACE.dir}"><a href="${storyUrl}">Read the story</a></p>`}
${footer.html}`;
  return {
    to,
    subject: alertTitle(alert),
    text,
    html: emailDocument(alertTitle(alert), body),
    headers: subscriberMailHeaders(publication, 'alerts', links.unsubscribeUrl),
  };
}

/**
 * The correction e-mail, sent once to each subscriber the story's alert reached when an editor
 * corrects the story: subject "Correction: <headline>" (the corrected headline), the editor's
 * correction note as plain text, a link to the story, and the same preference and RFC 8058
 * one-click unsubscribe links and headers as the alert e-mail.
 */
export function correctionEmail(publication: string, to: string, alert: AlertText, note: string, links: SubscriberMailLinks): OutgoingMail {
  const footer = subscriberFooter(`You get this because a ${publication} alert you received was about this story.`, links);
  const subject = `Correction: ${headerLine(alert.headline)}`;
  const correctionText = note.trim();
  const text = [
    subject,
    `\n${correctionText}`,
    `\nRead the story: ${alert.url}`,
    ...footer.text,
  ].join('\n');
  const storyUrl = safeUrl(alert.url);
  // The correction note is the newsroom's, in the story's language as the headline is.
  const dir = alert.language ? textDirectionOf(alert.language) : storyDirection(alert.headline, correctionText);
  const body = html`<p lang="${INTERFACE.lang}" dir="${INTERFACE.dir}" style="font-weight:bold">Correction</p>
<div${alert.language ? html` lang="${alert.language}"` : null} dir="${dir}" style="text-align:${dir === 'rtl' ? 'right' : 'left'}">
<h1 style="font-size:20px">${storyUrl ? html`<a href="${storyUrl}" style="color:#1a1a1a">${alert.headline}</a>` : alert.headline}</h1>
<p style="white-space:pre-line">${correctionText}</p>
</div>
${storyUrl && html`<p lang="${INTERFACE.lang}" dir="${INTERFACE.dir}"><a href="${storyUrl}">Read the story</a></p>`}
${footer.html}`;
  return {
    to,
    subject,
    text,
    html: emailDocument(subject, body),
    headers: subscriberMailHeaders(publication, 'alerts', links.unsubscribeUrl),
  };
}

export interface PushPayload {
  title: string;
  body: string;
  url: string;
  /** Replaces an earlier notification about the same article instead of stacking. */
  tag: string;
  /** The story's language (BCP 47) and its direction, for the notification's `lang` and `dir`, when known. */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

/**
 * A push message is one encrypted record of at most 4096 bytes (RFC 8291), the URL alone may take
 * 2048; the title and body are cut (between characters) to what a notification shows anyway.
 */
export const PUSH_TEXT_LIMITS = { title: 120, body: 240 } as const;

export function alertPushPayload(articleId: string, alert: AlertText): PushPayload {
  return {
    title: truncateText(alertTitle(alert), PUSH_TEXT_LIMITS.title),
    body: truncateText(headerLine(alert.standfirst ?? ''), PUSH_TEXT_LIMITS.body),
    url: alert.url,
    tag: articleId,
    ...(alert.language ? { lang: alert.language, dir: textDirectionOf(alert.language) } : {}),
  };
}

/** Tags of languages written right to left, for an alert that names its article's language. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'nqo', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** The direction of a BCP 47 language's script: `rtl` for Arabic, Hebrew, Persian, Urdu…, else `ltr`. */
export function textDirectionOf(language: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(language.toLowerCase().split('-')[0]) ? 'rtl' : 'ltr';
}
