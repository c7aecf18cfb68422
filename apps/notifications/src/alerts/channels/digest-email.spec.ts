import { digestEmail } from './digest-email';

const links = { preferencesUrl: 'https://alerts.example/preferences?token=t', unsubscribeUrl: 'https://alerts.example/unsubscribe?token=t' };
const story = (headline: string, fields: Partial<{ standfirst: string | null; url: string; priority: 'normal' | 'breaking' }> = {}) => ({
  headline,
  standfirst: 'In a line.',
  url: 'https://news.example/a',
  priority: 'normal' as const,
  ...fields,
});

describe(digestEmail.name, () => {
  it('names the date and counts the stories in the subject', () => {
    expect(digestEmail('Newsroom', 'a@example.com', '2026-11-30', [story('One')], links).subject).toBe('Your Newsroom digest for 30 November 2026: 1 story');
    expect(digestEmail('Newsroom', 'a@example.com', '2026-03-01', [story('One'), story('Two')], links).subject).toBe('Your Newsroom digest for 1 March 2026: 2 stories');
    const named = digestEmail('Harwick Gazette', 'a@example.com', '2026-03-01', [story('One')], links);
    expect(named.subject).toBe('Your Harwick Gazette digest for 1 March 2026: 1 story');
    expect(named.text).toContain('a daily digest of Harwick Gazette alerts.');
    expect(named.headers?.['List-Id']).toMatch(/^Harwick Gazette daily digest <digest\./);
  });

  it('lists every story with its link, marks breaking ones, and escapes what the newsroom wrote', () => {
    const mail = digestEmail('Newsroom', 'a@example.com', '2026-11-30', [story('Budget <b>passes</b>', { priority: 'breaking' }), story('Quiet day', { url: 'javascript:alert(1)' })], links);
    expect(mail.html).toContain('Budget &lt;b&gt;passes&lt;/b&gt;</a>');
    expect(mail.html).toContain('Breaking: </span>');
    expect(mail.html).not.toContain('javascript:');
    expect(mail.text).toContain('BREAKING: Budget <b>passes</b>\nIn a line.\nhttps://news.example/a');
  });

  it('does not say breaking twice for a headline that already opens with it', () => {
    const mail = digestEmail('Newsroom', 'a@example.com', '2026-11-30', [story('Breaking: Dam gives way', { priority: 'breaking' })], links);
    expect(mail.html).not.toContain('Breaking: </span>');
    expect(mail.text).toContain('\nBreaking: Dam gives way\n');
    expect(mail.text).not.toContain('BREAKING: Breaking');
  });

  it('carries the one-click unsubscribe headers and links of the alert e-mail, on a list of its own', () => {
    const mail = digestEmail('Newsroom', 'a@example.com', '2026-11-30', [story('One')], links);
    expect(mail.headers).toEqual({
      'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': 'Newsroom daily digest <digest.alerts.example>',
      'Auto-Submitted': 'auto-generated',
      Precedence: 'bulk',
    });
    expect(mail.text).toContain(`Unsubscribe: ${links.unsubscribeUrl}`);
    expect(mail.html).toContain('href="https://alerts.example/preferences?token=t"');
  });

  it('sets a right-to-left story in its own direction', () => {
    expect(digestEmail('Newsroom', 'a@example.com', '2026-11-30', [story('الميزانية تمر')], links).html).toContain('dir="rtl"');
  });
});
