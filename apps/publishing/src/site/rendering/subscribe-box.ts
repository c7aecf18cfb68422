import { html, type SafeHtml } from '@newsroom/html';
import type { SiteSection } from '@newsroom/config';

/** What the box needs of the site (a SiteContext has it). */
export interface SubscribeBoxSite {
  language: string;
  sections: readonly SiteSection[];
}

/** The box's words in each interface language (labels.ts holds the rest of the site's). */
const WORDS = {
  en: {
    heading: 'Get the news by email',
    email: 'Email address',
    sections: 'Sections',
    breakingOnly: 'Breaking news only',
    subscribe: 'Subscribe',
    confirmFirst: 'We email you a link to confirm first. Every email has a link to change what you get or to stop.',
    getAlerts: 'Get alerts in this browser',
    alertsOn: 'Alerts are on in this browser.',
    alertsBlocked: 'This browser blocks notifications from this site; allow them in its settings to get alerts.',
    alertsFailed: 'Alerts could not be switched on just now. Please try again later.',
  },
  uk: {
    heading: 'Новини електронною поштою',
    email: 'Адреса електронної пошти',
    sections: 'Розділи',
    breakingOnly: 'Лише термінові новини',
    subscribe: 'Підписатися',
    confirmFirst: 'Спершу ми надішлемо посилання для підтвердження. У кожному листі є посилання, щоб змінити підписку або відмовитися.',
    getAlerts: 'Отримувати сповіщення в браузері',
    alertsOn: 'Сповіщення в цьому браузері увімкнено.',
    alertsBlocked: 'Цей браузер блокує сповіщення від сайту; дозвольте їх у налаштуваннях.',
    alertsFailed: 'Не вдалося ввімкнути сповіщення. Спробуйте пізніше.',
  },
} as const;

/**
 * The signup box on article, section and front pages: a plain form that works without
 * JavaScript, posting `email`, one `sections` per ticked box and `breakingOnly=on`
 * (application/x-www-form-urlencoded) to the notifications service's `/subscribe`, which
 * answers with its own HTML pages (double opt-in). `section` is ticked in advance: on a
 * story or a section page, readers most likely want that one.
 *
 * The "Get alerts" button is for web push and needs the page's script (/alerts.js), which
 * shows it only where the browser can take push messages; the browser's permission prompt
 * comes after a click on it, never on page load.
 */
export function subscribeBox(site: SubscribeBoxSite, alertsUrl: string, section?: string): SafeHtml {
  const words = site.language === 'uk' ? WORDS.uk : WORDS.en;
  return html`<section class="subscribe-box" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading" class="rule-heading">${words.heading}</h2>
<form class="subscribe-form" method="post" action="${alertsUrl}/subscribe">
<label for="subscribe-email">${words.email}</label>
<input id="subscribe-email" type="email" name="email" required maxlength="254" autocomplete="email">
<fieldset class="subscribe-sections"><legend>${words.sections}</legend>
${site.sections.map(
  ({ slug, label }) => html`<label><input type="checkbox" name="sections" value="${slug}"${slug === section ? html` checked` : null}> ${label}</label>`,
)}
<label><input type="checkbox" name="breakingOnly" value="on"> ${words.breakingOnly}</label>
</fieldset>
<button type="submit">${words.subscribe}</button>
</form>
<p class="subscribe-hint">${words.confirmFirst}</p>
<button type="button" class="get-alerts" data-alerts-url="${alertsUrl}" data-on="${words.alertsOn}" data-blocked="${words.alertsBlocked}" data-failed="${words.alertsFailed}" hidden>${words.getAlerts}</button>
<p class="get-alerts-status" role="status" hidden></p>
</section>`;
}
