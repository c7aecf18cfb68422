import { preferences } from '../../../test/fixtures';
import type { RecipientView } from '../domain/recipient';
import { checkYourInboxPage, confirmedPage, confirmSignupPage, errorPage, preferencesPage, subscribePage, unsubscribeConfirmPage, unsubscribedPage } from './subscriber-pages';

const MASTHEAD = { name: 'Harwick Gazette', siteUrl: 'https://news.example/' };

const SITE = [
  { slug: 'politics', label: 'Politics' },
  { slug: 'world', label: 'Світ <&>' },
];

const view = (overrides: Partial<RecipientView> = {}): RecipientView => ({
  kind: 'email',
  id: '6f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11',
  label: 'a•••@"evil"<b>.example',
  subscribed: true,
  awaitingConfirmation: true,
  preferences: preferences({ sections: ['politics'], tags: ['a"><script>x</script>'], breakingOnly: true }),
  ...overrides,
});

describe('subscriber pages', () => {
  it('escape everything that came from a request or the database', () => {
    const page = preferencesPage(MASTHEAD, view(), 'v1.token"&x=<y>', SITE, 'Saved <now>');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).toContain('a•••@&quot;evil&quot;&lt;b&gt;.example');
    expect(page).toContain('value="a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(page).toContain('<strong>Saved &lt;now&gt;</strong>');
    // The token goes back into the form actions URL-encoded, then attribute-escaped.
    expect(page).toContain('action="/preferences?token=v1.token%22%26x%3D%3Cy%3E"');
    expect(page).toContain('action="/unsubscribe?token=v1.token%22%26x%3D%3Cy%3E"');
  });

  it('check the radio button of the chosen frequency, and offer a browser no digest', () => {
    expect(preferencesPage(MASTHEAD, view(), 't', SITE)).toContain('name="frequency" value="breaking-only" checked>');
    const digest = preferencesPage(MASTHEAD, view({ preferences: preferences({ sections: ['politics'], frequency: 'daily-digest' }) }), 't', SITE);
    expect(digest).toContain('name="frequency" value="daily-digest" checked>');
    expect(digest).toContain('name="frequency" value="every-story">');
    const browser = preferencesPage(MASTHEAD, view({ kind: 'push', preferences: preferences({ sections: ['politics'] }) }), 't', SITE);
    expect(browser).toContain('name="frequency" value="every-story" checked>');
    expect(browser).not.toContain('value="daily-digest"');
    expect(browser).toContain('for this browser only');
  });

  it('show the quiet hours and time zone, empty when there are none', () => {
    const quiet = preferencesPage(MASTHEAD, view({ preferences: preferences({ sections: ['politics'], timeZone: 'Europe/Kyiv', quietHours: { start: '22:00', end: '07:00' } }) }), 't', SITE);
    expect(quiet).toContain('name="quietHoursStart" value="22:00"');
    expect(quiet).toContain('name="quietHoursEnd" value="07:00"');
    expect(quiet).toContain('name="timeZone" value="Europe/Kyiv"');
    expect(quiet).toContain('quiet hours 22:00–07:00 (Europe/Kyiv), except breaking news');
    expect(preferencesPage(MASTHEAD, view(), 't', SITE)).toContain('name="quietHoursStart" value=""');
  });

  it('offer the site\'s sections as checkboxes, ticked where followed, and say which followed ones the site dropped', () => {
    const page = preferencesPage(MASTHEAD, view({ preferences: preferences({ sections: ['politics', 'sport'] }) }), 't', SITE);
    expect(page).toContain('<input type="checkbox" name="sections" value="politics" checked> Politics</label>');
    expect(page).toContain('<input type="checkbox" name="sections" value="world"> Світ &lt;&amp;&gt;</label>');
    expect(page).not.toContain('value="sport"');
    expect(page).toContain('No longer on the site: sport.');
  });

  it('give the signup form every section unticked, posting to /subscribe, and the same answer for every address', () => {
    const form = subscribePage(MASTHEAD, SITE);
    expect(form).toContain('<form method="post" action="/subscribe">');
    expect(form).toContain('<input type="email" id="email" name="email" required');
    expect(form.match(/name="sections"/g)).toHaveLength(2);
    expect(form).not.toContain('type="checkbox" name="sections" value="politics" checked');
    expect(form).toContain('name="frequency" value="every-story" checked>');
    expect(form).toContain('value="UTC"');
    expect(subscribePage(MASTHEAD, SITE, 'Europe/Kyiv')).toContain('value="Europe/Kyiv"');
    expect(checkYourInboxPage(MASTHEAD)).toContain('If this address can get alerts, an email is on its way');
  });

  it('offer no form to a recipient who left', () => {
    expect(preferencesPage(MASTHEAD, view({ subscribed: false }), 't', SITE)).not.toContain('<form');
    expect(unsubscribeConfirmPage(MASTHEAD, view({ subscribed: false }), 't')).not.toContain('<form');
  });

  it('link only to http(s) preference URLs', () => {
    expect(confirmedPage(MASTHEAD, true, view().preferences, 'javascript:alert(1)')).not.toContain('javascript:');
    expect(confirmedPage(MASTHEAD, true, view().preferences, 'https://alerts.example/preferences?token=a&b')).toContain('href="https://alerts.example/preferences?token=a&amp;b"');
  });

  it('offer the confirm button only while the address waits for it; opened again, the link says where it stands', () => {
    expect(confirmSignupPage(MASTHEAD, view(), 'tok')).toContain('Yes, send me alerts</button>');
    const confirmed = confirmSignupPage(MASTHEAD, view({ awaitingConfirmation: false }), 'tok');
    expect(confirmed).toContain('<title>Already confirmed');
    expect(confirmed).not.toContain('<form');
    const gone = confirmSignupPage(MASTHEAD, view({ subscribed: false, awaitingConfirmation: false }), 'tok');
    expect(gone).toContain('<title>Unsubscribed');
    expect(gone).not.toContain('<form');
  });

  it('lead back to the site after an unsubscribe, where alerts can be turned on again', () => {
    const page = unsubscribedPage(MASTHEAD, view({ subscribed: false }), true);
    expect(page).toContain('Done: a•••@&quot;evil&quot;&lt;b&gt;.example gets no more Harwick Gazette alerts.');
    expect(page).toContain('<a href="https://news.example/">Back to the site</a>');
  });

  it('speak for the publication: its name in the masthead, the titles and the wording, its site one click away', () => {
    const pages = [
      preferencesPage(MASTHEAD, view(), 't', SITE),
      confirmSignupPage(MASTHEAD, view(), 't'),
      subscribePage(MASTHEAD, SITE),
      checkYourInboxPage(MASTHEAD),
      unsubscribeConfirmPage(MASTHEAD, view(), 't'),
      errorPage(MASTHEAD, 400, 'X', 'No'),
    ];
    for (const page of pages) {
      expect(page).toContain('<header class="masthead"><a href="https://news.example/">Harwick Gazette</a></header>');
      expect(page).toMatch(/<title>[^<]+ · Harwick Gazette<\/title>/);
      expect(page).not.toContain('Newsroom');
    }
    expect(subscribePage(MASTHEAD, SITE)).toContain('<h1>Get Harwick Gazette alerts by email</h1>');
    expect(confirmSignupPage(MASTHEAD, view(), 't')).toContain('Harwick Gazette alerts for a•••');
  });

  it('show error codes and messages as text', () => {
    const page = errorPage(MASTHEAD, 410, 'LINK.EXPIRED', 'Expired <soon>');
    expect(page).toContain('<title>This link has expired · Harwick Gazette</title>');
    expect(page).toContain('Expired &lt;soon&gt;');
  });
});
