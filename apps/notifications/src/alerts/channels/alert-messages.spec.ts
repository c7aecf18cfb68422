import type { AlertText } from '../domain/article-alert';
import { PUSH_TEXT_LIMITS, alertEmail, alertPushPayload, alertTitle, correctionEmail, storyDirection } from './alert-messages';

const alert: AlertText = {
  headline: 'Budget <b>passes</b> & "wins"',
  standfirst: 'Vote was <script>alert(1)</script> close',
  url: 'https://news.example/articles/budget?a=1&b=2',
  priority: 'normal',
  section: 'politics',
};
const links = { preferencesUrl: 'https://alerts.example/preferences?token=t1', unsubscribeUrl: 'https://alerts.example/unsubscribe?token=t1' };

describe('alertEmail', () => {
  it('uses the headline as subject, prefixed for breaking news', () => {
    expect(alertEmail('Newsroom', 'a@example.com', alert, links).subject).toBe('Budget <b>passes</b> & "wins"');
    expect(alertEmail('Newsroom', 'a@example.com', { ...alert, priority: 'breaking' }, links).subject).toBe('Breaking: Budget <b>passes</b> & "wins"');
  });

  it.each([['Breaking: River Harle bursts its banks'], ['BREAKING NEWS – Dam gives way'], ['breaking — Bridge closed'], ['Breaking | Polls close']])(
    'does not say breaking twice when the headline %p already opens with it',
    (headline) => {
      const breaking = { ...alert, priority: 'breaking' as const, headline };
      expect(alertEmail('Newsroom', 'a@example.com', breaking, links).subject).toBe(headline);
      expect(alertPushPayload('id-1', breaking).title).toBe(headline);
    },
  );

  it('still labels a breaking headline that only mentions the word later, or opens with another word', () => {
    for (const headline of ['Breakingham council resigns', 'Record breaking: heat in July', 'Breaking point: nurses strike']) {
      expect(alertTitle({ ...alert, priority: 'breaking', headline })).toBe(`Breaking: ${headline}`);
    }
  });

  it('keeps the subject on one line', () => {
    expect(alertEmail('Newsroom', 'a@example.com', { ...alert, headline: 'Line one\r\nBcc: victim@example.com' }, links).subject).toBe('Line one Bcc: victim@example.com');
  });

  it('escapes every piece of article text in the HTML part', () => {
    const { html } = alertEmail('Newsroom', 'a@example.com', alert, links);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>passes');
    expect(html).toContain('Budget &lt;b&gt;passes&lt;/b&gt; &amp; &quot;wins&quot;');
    expect(html).toContain('Vote was &lt;script&gt;alert(1)&lt;/script&gt; close');
    expect(html).toContain('href="https://news.example/articles/budget?a=1&amp;b=2"');
  });

  it('never links a non-http URL', () => {
    expect(alertEmail('Newsroom', 'a@example.com', { ...alert, url: 'javascript:alert(1)' }, links).html).not.toContain('javascript:');
  });

  it('has a plain-text part with the standfirst, the story link and the unsubscribe link', () => {
    const { text } = alertEmail('Newsroom', 'a@example.com', alert, links);
    expect(text).toContain('Vote was <script>alert(1)</script> close');
    expect(text).toContain('Read the story: https://news.example/articles/budget?a=1&b=2');
    expect(text).toContain(`Unsubscribe: ${links.unsubscribeUrl}`);
    expect(text).toContain(`Change what you get: ${links.preferencesUrl}`);
  });

  it('carries RFC 8058 one-click unsubscribe, the list it belongs to (RFC 2919), and says it is automatic (RFC 3834)', () => {
    expect(alertEmail('Newsroom', 'a@example.com', alert, links).headers).toEqual({
      'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': `Newsroom alerts <alerts.${new URL(links.unsubscribeUrl).hostname}>`,
      'Auto-Submitted': 'auto-generated',
      Precedence: 'bulk',
    });
  });

  it('speaks for the publication it is configured with: the footer, and the list name, quoted when it holds a special', () => {
    const mail = alertEmail('Harwick Gazette', 'a@example.com', alert, links);
    expect(mail.text).toContain('You get this because you subscribed to Harwick Gazette alerts.');
    expect(mail.html).toContain('subscribed to Harwick Gazette alerts.');
    expect(mail.headers?.['List-Id']).toBe('Harwick Gazette alerts <alerts.alerts.example>');
    expect(alertEmail('St. Mary\'s "Echo"', 'a@example.com', alert, links).headers?.['List-Id']).toBe('"St. Mary\'s \\"Echo\\" alerts" <alerts.alerts.example>');
    expect(alertEmail('The <Post>\r\nBcc: x@example.com', 'a@example.com', alert, links).headers?.['List-Id']).toBe('"The <Post> Bcc: x@example.com alerts" <alerts.alerts.example>');
    expect(correctionEmail('Harwick Gazette', 'a@example.com', alert, 'Fixed.', links).text).toContain('a Harwick Gazette alert you received');
    const encoded = alertEmail('Новини: Київ', 'a@example.com', alert, links).headers?.['List-Id'] ?? '';
    expect(encoded).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <alerts\.alerts\.example>$/);
    expect(Buffer.from(/\?B\?([^?]+)\?=/.exec(encoded)![1], 'base64').toString('utf8')).toBe('Новини: Київ alerts');
  });

  it('is an HTML document in the language of its own words, the story keeping its own', () => {
    const { html } = alertEmail('Newsroom', 'a@example.com', { ...alert, language: 'ar', headline: 'خبر' }, links);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(html).toContain('<div lang="ar" dir="rtl"');
  });

  it('leaves out an absent standfirst', () => {
    expect(alertEmail('Newsroom', 'a@example.com', { ...alert, standfirst: null }, links).html).not.toContain('<p></p>');
  });
});

describe('alertPushPayload', () => {
  it('carries title, body, url and the article id as tag', () => {
    expect(alertPushPayload('id-1', { ...alert, priority: 'breaking' })).toEqual({
      title: 'Breaking: Budget <b>passes</b> & "wins"',
      body: 'Vote was <script>alert(1)</script> close',
      url: alert.url,
      tag: 'id-1',
    });
  });

  it("carries the story's language and direction when the alert knows them, and nothing of them when not", () => {
    expect(alertPushPayload('id-1', { ...alert, language: 'ar' })).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(alertPushPayload('id-1', { ...alert, language: 'uk' })).toMatchObject({ lang: 'uk', dir: 'ltr' });
    expect(alertPushPayload('id-1', alert)).not.toHaveProperty('lang');
  });

  it('titles are single lines', () => {
    expect(alertTitle({ ...alert, headline: 'A\nB' })).toBe('A B');
  });

  it('fits the largest headline and standfirst in one push record, cutting between characters', () => {
    const family = '👩‍👩‍👧';
    const payload = alertPushPayload('id-1', {
      ...alert,
      priority: 'breaking',
      headline: `${'東'.repeat(108)}${family}${'東'.repeat(200)}`,
      standfirst: 'Київ '.repeat(120),
      url: `https://news.example/${'a'.repeat(2000)}`,
    });
    expect(payload.title).toBe(`Breaking: ${'東'.repeat(108)}…`);
    expect(payload.body.length).toBeLessThanOrEqual(PUSH_TEXT_LIMITS.body);
    expect(payload.body.endsWith('Київ…')).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(4096 - 200);
  });
});

describe('alert emails for right-to-left stories', () => {
  const arabic: AlertText = { ...alert, headline: 'المجلس يوافق على حظر الرافعات (7 مقابل 2)', standfirst: 'فاز السكان بمعركة استمرت عامين.' };

  it('set the headline and standfirst right to left, with the article’s language when known', () => {
    const mail = alertEmail('Newsroom', 'reader@example.org', { ...arabic, language: 'ar' }, links);
    expect(mail.html).toMatch(/<div lang="ar" dir="rtl" style="text-align:right">\s*<h1[^>]*><a [^>]*>المجلس يوافق/);
    expect(mail.html).toContain('<p>فاز السكان بمعركة استمرت عامين.</p>\n</div>');
  });

  it('find the direction from the text when the alert does not name the language', () => {
    expect(alertEmail('Newsroom', 'reader@example.org', arabic, links).html).toContain('<div dir="rtl" style="text-align:right">');
    expect(alertEmail('Newsroom', 'reader@example.org', alert, links).html).toContain('<div dir="ltr" style="text-align:left">');
  });

  it('keep the alert’s own English words left to right', () => {
    const mail = alertEmail('Newsroom', 'reader@example.org', { ...arabic, priority: 'breaking', language: 'ar' }, links);
    expect(mail.html).toContain('<p lang="en" dir="ltr" style="color:#b00000;font-weight:bold;text-transform:uppercase">Breaking news</p>');
    expect(mail.html).toMatch(/<p lang="en" dir="ltr"><a href="[^"]+">Read the story<\/a><\/p>/);
  });

  it('take the first strong letter as UAX #9 does: digits and punctuation decide nothing', () => {
    expect(storyDirection('2025: «שלום»')).toBe('rtl');
    expect(storyDirection('(7) Budget — المجلس')).toBe('ltr');
    expect(storyDirection('', null, '123 …')).toBe('ltr');
    expect(storyDirection(undefined, 'نص')).toBe('rtl');
  });
});

describe('correctionEmail', () => {
  it("marks the headline and the note with the story's language and its direction", () => {
    const { html } = correctionEmail('Newsroom', 'a@example.com', { ...alert, headline: 'الميزانية', language: 'ar' }, 'صُحّح الرقم.', links);
    expect(html).toContain('<div lang="ar" dir="rtl"');
    expect(html).toContain('<p lang="en" dir="ltr" style="font-weight:bold">Correction</p>');
  });

  const note = 'An earlier version gave the vote as <b>226</b> to 224; it was 226 to 223.';
  const mail = correctionEmail('Newsroom', 'a@example.com', { ...alert, priority: 'breaking' }, note, links);

  it('says "Correction:" and the corrected headline on one line as subject, never "Breaking"', () => {
    expect(mail.subject).toBe('Correction: Budget <b>passes</b> & "wins"');
    expect(correctionEmail('Newsroom', 'a@example.com', { ...alert, headline: 'One\r\nBcc: victim@example.com' }, note, links).subject).toBe('Correction: One Bcc: victim@example.com');
  });

  it('carries the note and the story link in both parts, escaped in the HTML one', () => {
    expect(mail.text).toContain(note);
    expect(mail.text).toContain(`Read the story: ${alert.url}`);
    expect(mail.html).toContain('An earlier version gave the vote as &lt;b&gt;226&lt;/b&gt; to 224');
    expect(mail.html).toContain('href="https://news.example/articles/budget?a=1&amp;b=2"');
    expect(mail.html).not.toContain('<b>226');
  });

  it('offers the same unsubscribe link and one-click headers as the alert e-mail', () => {
    expect(mail.text).toContain(`Unsubscribe: ${links.unsubscribeUrl}`);
    expect(mail.headers).toEqual(alertEmail('Newsroom', 'a@example.com', alert, links).headers);
  });
});
