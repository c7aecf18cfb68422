import { html, safeUrl } from '@newsroom/html';
import { emailDocument } from '../../shared/mail/email-document';
import type { OutgoingMail } from '../../shared/mail/mailer';
import type { LocalDate } from '../../subscriptions/domain/quiet-hours';
import type { AlertText } from '../domain/article-alert';
import { INTERFACE, needsBreakingLabel, headerLine, storyDirection, textDirectionOf, subscriberFooter, subscriberMailHeaders, type SubscriberMailLinks } from './alert-messages';

/** One story as a digest lists it. */
export type DigestStory = Pick<AlertText, 'headline' | 'standfirst' | 'url' | 'priority' | 'language'>;

/** Built once: a formatter costs far more to build than to use, and a morning's digests are one per reader. */
const DIGEST_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-11-30` → `30 November 2026`, the date the digest is for on the reader's calendar. */
function spelledDate(date: LocalDate): string {
  return DIGEST_DATE.format(new Date(`${date}T00:00:00Z`));
}

/**
 * The daily digest e-mail of `publication` (SITE_NAME): one message listing `stories` (oldest first), each headline a link
 * to the story (only http(s) URLs become links) with its standfirst in the story's own
 * direction, then the same preference and RFC 8058 one-click unsubscribe links and headers
 * as the alert e-mail.
 */
export function digestEmail(publication: string, to: string, date: LocalDate, stories: readonly DigestStory[], links: SubscriberMailLinks): OutgoingMail {
  const footer = subscriberFooter(`You get this because you asked for a daily digest of ${publication} alerts.`, links);
  const count = `${stories.length} ${stories.length === 1 ? 'story' : 'stories'}`;
  const subject = `Your ${headerLine(publication)} digest for ${spelledDate(date)}: ${count}`;
  const text = [
    subject,
    ...stories.map((story) => [`\n${needsBreakingLabel(story) ? 'BREAKING: ' : ''}${headerLine(story.headline)}`, story.standfirst?.trim(), story.url].filter(Boolean).join('\n')),
    ...footer.text,
  ].join('\n');
  const body = html`<h1 lang="${INTERFACE.lang}" dir="${INTERFACE.dir}" style="font-size:20px">${subject}</h1>
${stories.map((story) => {
  const url = safeUrl(story.url);
  const standfirst = story.standfirst?.trim() ?? '';
  const dir = story.language ? textDirectionOf(story.language) : storyDirection(story.headline, standfirst);
  return html`<div${story.language ? html` lang="${story.language}"` : null} dir="${dir}" style="text-align:${dir === 'rtl' ? 'right' : 'left'};margin-bottom:1em">
<h2 style="font-size:17px;margin-bottom:0.2em">${needsBreakingLabel(story) && html`<span lang="${INTERFACE.lang}" style="color:#b00000">Breaking: </span>`}${url ? html`<a href="${url}" style="color:#1a1a1a">${story.headline}</a>` : story.headline}</h2>
${standfirst && html`<p style="margin-top:0">${standfirst}</p>`}
</div>`;
})}
${footer.html}`;
  return { to, subject, text, html: emailDocument(subject, body), headers: subscriberMailHeaders(publication, 'digest', links.unsubscribeUrl) };
}
