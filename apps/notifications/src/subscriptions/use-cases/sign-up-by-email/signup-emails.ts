import { html, safeUrl } from '@newsroom/html';
import { emailDocument, footnote } from '../../../shared/mail/email-document';
import type { OutgoingMail } from '../../../shared/mail/mailer';
import { headerLine } from '../../../alerts/channels/alert-messages';
import { tagAsWritten } from '@newsroom/contracts';
import { describePreferences, type Preferences } from '../../domain/preferences';

/**
 * How a signup e-mail names what the reader follows: `sectionLabel`, a section's name as readers
 * know it (SiteSectionList.labelOf); `tagNames`, the words the site's stories typed followed
 * tags as (TagNameRepository.namesOf). Without them, slugs.
 */
export interface FollowedNames {
  sectionLabel?: (slug: string) => string;
  tagNames?: Readonly<Record<string, string>>;
}

function wantsOf(preferences: Preferences, names: FollowedNames): string {
  return describePreferences(preferences, names.sectionLabel, (tag) => tagAsWritten(tag, names.tagNames));
}

/** `publication`: SITE_NAME. */
export function confirmationEmail(publication: string, to: string, preferences: Preferences, confirmUrl: string, names: FollowedNames = {}): OutgoingMail {
  const wants = wantsOf(preferences, names);
  const subject = `Confirm your ${headerLine(publication)} alerts`;
  return {
    to,
    subject,
    text: [
      `Please confirm that you want ${publication} alerts at this address.`,
      `You asked for: ${wants}.`,
      '',
      `Confirm: ${confirmUrl}`,
      '',
      'If you did not sign up, ignore this email: nothing will be sent to you.',
    ].join('\n'),
    html: emailDocument(
      subject,
      html`<p>Please confirm that you want ${publication} alerts at this address.</p>
<p>You asked for: ${wants}.</p>
<p><a href="${safeUrl(confirmUrl)}">Confirm my subscription</a></p>
${footnote(html`If you did not sign up, ignore this email: nothing will be sent to you.`)}`,
    ),
  };
}

export function manageLinkEmail(publication: string, to: string, preferences: Preferences, preferencesUrl: string, unsubscribeUrl: string, names: FollowedNames = {}): OutgoingMail {
  const wants = wantsOf(preferences, names);
  const subject = `Your ${headerLine(publication)} alert preferences`;
  return {
    to,
    subject,
    text: [
      `Someone, probably you, signed up for ${publication} alerts with this address, which already gets them.`,
      `You currently get: ${wants}.`,
      '',
      `Change what you get: ${preferencesUrl}`,
      `Unsubscribe: ${unsubscribeUrl}`,
      '',
      'If that was not you, ignore this email: nothing has changed.',
    ].join('\n'),
    html: emailDocument(
      subject,
      html`<p>Someone, probably you, signed up for ${publication} alerts with this address, which already gets them.</p>
<p>You currently get: ${wants}.</p>
<p><a href="${safeUrl(preferencesUrl)}">Change what you get</a> · <a href="${safeUrl(unsubscribeUrl)}">Unsubscribe</a></p>
${footnote(html`If that was not you, ignore this email: nothing has changed.`)}`,
    ),
  };
}
