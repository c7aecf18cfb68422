import type { AlertText } from '../domain/article-alert';
import { alertEmail, alertPushPayload, alertTitle } from './alert-messages';

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
    expect(alertEmail('a@example.com', alert, links).subject).toBe('Budget <b>passes</b> & "wins"');
    expect(alertEmail('a@example.com', { ...alert, priority: 'breaking' }, links).subject).toBe('Breaking: Budget <b>passes</b> & "wins"');
  });

  it('keeps the subject on one line', () => {
    expect(alertEmail('a@example.com', { ...alert, headline: 'Line one\r\nBcc: victim@example.com' }, links).subject).toBe('Line one Bcc: victim@example.com');
  });

  it('escapes every piece of article text in the HTML part', () => {
    const { html } = alertEmail('a@example.com', alert, links);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>passes');
    expect(html).toContain('Budget &lt;b&gt;passes&lt;/b&gt; &amp; &quot;wins&quot;');
    expect(html).toContain('Vote was &lt;script&gt;alert(1)&lt;/script&gt; close');
    expect(html).toContain('href="https://news.example/articles/budget?a=1&amp;b=2"');
  });

  it('never links a non-http URL', () => {
    expect(alertEmail('a@example.com', { ...alert, url: 'javascript:alert(1)' }, links).html).not.toContain('javascript:');
  });

  it('has a plain-text part with the standfirst, the story link and the unsubscribe link', () => {
    const { text } = alertEmail('a@example.com', alert, links);
    expect(text).toContain('Vote was <script>alert(1)</script> close');
    expect(text).toContain('Read the story: https://news.example/articles/budget?a=1&b=2');
    expect(text).toContain(`Unsubscribe: ${links.unsubscribeUrl}`);
    expect(text).toContain(`Change what you get: ${links.preferencesUrl}`);
  });

  it('carries RFC 8058 one-click unsubscribe headers', () => {
    expect(alertEmail('a@example.com', alert, links).headers).toEqual({
      'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('leaves out an absent standfirst', () => {
    expect(alertEmail('a@example.com', { ...alert, standfirst: null }, links).html).not.toContain('<p></p>');
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

  it('titles are single lines', () => {
    expect(alertTitle({ ...alert, headline: 'A\nB' })).toBe('A B');
  });
});
