import MailComposer from 'nodemailer/lib/mail-composer';
import MimeNode from 'nodemailer/lib/mime-node';
import { alertEmail } from '../../alerts/channels/alert-messages';
import { mailTextEncoding, smtpUrlWithTimeouts, textEncodingFor, transferEncodingOf, type OutgoingMail } from './mailer';

describe('smtpUrlWithTimeouts', () => {
  it('adds bounded timeouts to an SMTP URL', () => {
    const url = new URL(smtpUrlWithTimeouts('smtp://user:pass@mail.example:2525'));
    expect(url.searchParams.get('connectionTimeout')).toBe('10000');
    expect(url.searchParams.get('socketTimeout')).toBe('30000');
    expect(url.username).toBe('user');
    expect(url.port).toBe('2525');
  });

  it('keeps timeouts the operator chose', () => {
    const url = new URL(smtpUrlWithTimeouts('smtps://mail.example/?socketTimeout=5000&pool=true'));
    expect(url.searchParams.get('socketTimeout')).toBe('5000');
    expect(url.searchParams.get('pool')).toBe('true');
  });
});

describe('transferEncodingOf', () => {
  /** nodemailer's own choice for a text part, through its MimeNode. */
  const nodemailerChoice = (value: string) => (new MimeNode('text/plain') as unknown as { _getTextEncoding(value: string): string })._getTextEncoding(value);

  it.each([
    ['an English alert', 'BREAKING NEWS\nHarbour crane ban takes effect\n\nRead the story: https://news.example/articles/x'],
    ['a Ukrainian alert', 'Кабмін ухвалив нові правила для портів Одеси'],
    ['an Arabic headline with an English footer', 'مجلس الميناء يقر حظر الرافعات ليلاً\n--\nYou get this because you subscribed. Unsubscribe: https://news.example/u?t=abc'],
    ['control characters', '\u0001\u0002\u000b\u000c\u000e\u001f ab'],
    ['as many Latin letters as others', 'abé€'],
    ['an empty part', ''],
    ['digits and punctuation only', '2026-12-01 12:00 — 3.5%'],
    ['HTML markup around Greek', '<p dir="ltr"><a href="https://news.example/a">Σεισμός 5,1 βαθμών στην Κρήτη</a></p>'],
  ])('chooses as nodemailer does for %s', (_name, value) => {
    expect(transferEncodingOf(value)).toBe(nodemailerChoice(value));
  });
});

describe('textEncodingFor', () => {
  it('names the one encoding every part takes, and leaves it to nodemailer when the parts differ', () => {
    expect(textEncodingFor('Harbour crane ban', '<p>Harbour crane ban</p>')).toBe('quoted-printable');
    expect(textEncodingFor('Кабмін ухвалив', 'Одеса')).toBe('base64');
    expect(textEncodingFor('Кабмін ухвалив', '<p lang="uk" dir="ltr" style="text-align:left">Кабмін</p>')).toBeUndefined();
  });
});

describe('mailTextEncoding', () => {
  const links = { preferencesUrl: 'https://news.example/preferences?token=abc', unsubscribeUrl: 'https://news.example/unsubscribe?token=abc' };
  /** The message's bytes as nodemailer builds them, boundary, date and id fixed. */
  const bytes = (mail: OutgoingMail & { textEncoding?: string }, from: string) =>
    new Promise<string>((resolve, reject) =>
      new MailComposer({ from, ...mail, date: new Date('2026-12-01T09:00:00Z'), messageId: '<delivery-1@news.example>', baseBoundary: 'fixed' } as ConstructorParameters<typeof MailComposer>[0])
        .compile()
        .build((error, message) => (error ? reject(error) : resolve(message.toString()))),
    );

  it.each([
    ['an English alert', 'Newsroom <alerts@news.example>', { headline: 'Harbour crane ban takes effect', standfirst: 'Cranes must stop at 11pm.', language: 'en' }],
    ['a Ukrainian alert', 'Newsroom <alerts@news.example>', { headline: 'Кабмін ухвалив нові правила для портів', standfirst: 'Правила діють з січня.', language: 'uk' }],
    ['an Arabic alert from a sender named in Arabic', 'أخبار <alerts@news.example>', { headline: 'مجلس الميناء يقر حظر الرافعات ليلاً', standfirst: 'يبدأ الحظر في يناير.', language: 'ar' }],
  ])('builds %s byte for byte as nodemailer does when left to choose', async (_name, from, words) => {
    const mail = alertEmail('Newsroom', 'reader@example.com', { ...words, url: 'https://news.example/articles/a', section: 'politics', priority: 'breaking' }, links);
    const textEncoding = mailTextEncoding(mail, from);
    expect(await bytes({ ...mail, ...(textEncoding ? { textEncoding } : {}) }, from)).toBe(await bytes(mail, from));
  });
});
