import type { OutgoingMail } from '../../../shared/mail/mailer';
import { escapeHtml, safeHref } from '../../../shared/html/html';
import { describePreferences, type Preferences } from '../../domain/preferences';

function layout(paragraphs: string[]): string {
  return `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem">${paragraphs.join('')}</body></html>`;
}

export function confirmationEmail(to: string, preferences: Preferences, confirmUrl: string): OutgoingMail {
  const wants = describePreferences(preferences);
  return {
    to,
    subject: 'Confirm your Newsroom alerts',
    text: [
      'Please confirm that you want Newsroom alerts at this address.',
      `You asked for: ${wants}.`,
      '',
      `Confirm: ${confirmUrl}`,
      '',
      'If you did not sign up, ignore this email: nothing will be sent to you.',
    ].join('\n'),
    html: layout([
      '<p>Please confirm that you want Newsroom alerts at this address.</p>',
      `<p>You asked for: ${escapeHtml(wants)}.</p>`,
      `<p><a href="${safeHref(confirmUrl)}">Confirm my subscription</a></p>`,
      '<p style="color:#555">If you did not sign up, ignore this email: nothing will be sent to you.</p>',
    ]),
  };
}

export function manageLinkEmail(to: string, preferences: Preferences, preferencesUrl: string, unsubscribeUrl: string): OutgoingMail {
  const wants = describePreferences(preferences);
  return {
    to,
    subject: 'Your Newsroom alert preferences',
    text: [
      'Someone, probably you, signed up for Newsroom alerts with this address, which already gets them.',
      `You currently get: ${wants}.`,
      '',
      `Change what you get: ${preferencesUrl}`,
      `Unsubscribe: ${unsubscribeUrl}`,
      '',
      'If that was not you, ignore this email: nothing has changed.',
    ].join('\n'),
    html: layout([
      '<p>Someone, probably you, signed up for Newsroom alerts with this address, which already gets them.</p>',
      `<p>You currently get: ${escapeHtml(wants)}.</p>`,
      `<p><a href="${safeHref(preferencesUrl)}">Change what you get</a> · <a href="${safeHref(unsubscribeUrl)}">Unsubscribe</a></p>`,
      '<p style="color:#555">If that was not you, ignore this email: nothing has changed.</p>',
    ]),
  };
}
