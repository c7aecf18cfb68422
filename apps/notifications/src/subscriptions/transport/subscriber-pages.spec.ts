import { preferences } from '../../../test/fixtures';
import type { RecipientView } from '../domain/recipient';
import { checkYourInboxPage, confirmedPage, confirmSignupPage, errorPage, preferencesPage, subscribePage, unsubscribeConfirmPage, unsubscribedPage, type FormValues } from './subscriber-pages';

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
    const page = preferencesPage(MASTHEAD, view(), 'v1.token"&x=<y>', SITE, { notice: 'Saved <now>' });
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).toContain('a•••@&quot;evil&quot;&lt;b&gt;.example');
    expect(page).toContain('value="a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(page).toContain('<strong>Saved &lt;now&gt;</strong>');
    // The token goes back into the form actions URL-encoded, then attribute-escaped.
    expect(page).toContain('action="/preferences?token=v1.token%22%26x%3D%3Cy%3E"');
    expect(page).toContain('action="/unsubscribe?token=v1.token%22%26x%3D%3Cy%3E"');
  });

  it('name followed tags in the words the site\'s stories typed them as, in the form and its summary, escaped', () => {
    const followsTags = view({ preferences: preferences({ sections: ['politics'], tags: ['kiyiv', 'ports', 'x-b'] }) });
    const page = preferencesPage(MASTHEAD, followsTags, 't', SITE, { tagNames: { kiyiv: 'Київ', 'x-b': 'X <b>' } });
    expect(page).toContain('name="tags" value="Київ, ports, X &lt;b&gt;"');
    expect(page).toContain('tagged Київ, ports, or X &lt;b&gt;');
    expect(preferencesPage(MASTHEAD, followsTags, 't', SITE)).toContain('name="tags" value="kiyiv, ports, x-b"');
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

  it('offer no form to a recipient who left, but the way to sign up again and back to the site', () => {
    const left = view({ subscribed: false, awaitingConfirmation: false });
    for (const page of [preferencesPage(MASTHEAD, left, 't', SITE), unsubscribeConfirmPage(MASTHEAD, left, 't'), confirmSignupPage(MASTHEAD, left, 't'), unsubscribedPage(MASTHEAD, left, false)]) {
      expect(page).not.toContain('<form');
      expect(page).toContain('<a href="/subscribe">Sign up again</a> · <a href="https://news.example/">Back to the site</a>');
    }
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
    expect(confirmed).toContain('<p><a href="https://news.example/">Back to the site</a></p>');
    // Confirmed just now: the page ends with the way back to the site, not only the masthead.
    expect(confirmedPage(MASTHEAD, true, view().preferences, 'https://alerts.example/preferences')).toContain('<p><a href="https://news.example/">Back to the site</a></p>');
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

  describe('a refused form', () => {
    const sent: FormValues = {
      sections: ['world'],
      tags: 'Harbour, a"><script>x</script>',
      frequency: 'daily-digest',
      timeZone: 'Europe/Kyiv',
      quietHoursStart: '22:00',
      quietHoursEnd: '',
    };
    const problems = [
      { field: 'quietHoursEnd' as const, message: 'Give both times for quiet hours (from and until), or leave both empty' },
      { message: 'Part of the form <could> not be read' },
    ];

    it('shows the preference form again with the changes sent, not the stored ones, and nothing saved', () => {
      const page = preferencesPage(MASTHEAD, view({ preferences: preferences({ sections: ['politics'], timeZone: 'UTC' }) }), 't', SITE, {
        refused: { values: sent, problems, code: 'SUBSCRIBER.INVALID_PREFERENCES' },
      });
      expect(page).toContain('<input type="checkbox" name="sections" value="world" checked>');
      expect(page).toContain('<input type="checkbox" name="sections" value="politics">');
      expect(page).toContain('name="tags" value="Harbour, a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
      expect(page).not.toContain('<script>');
      expect(page).toContain('name="frequency" value="daily-digest" checked>');
      expect(page).toContain('name="quietHoursStart" value="22:00">');
      expect(page).toContain('name="timeZone" value="Europe/Kyiv"');
      // What the reader still gets is what was stored: nothing of the refused form was saved.
      expect(page).toContain('You get: every story in Politics.');
      expect(page).toContain('<strong>Your changes are not saved yet.</strong>');
      expect(page).not.toContain('role="status"');
    });

    it('sums the problems up first, each linked to its field, with the code in small print, and says each beside its input', () => {
      const page = preferencesPage(MASTHEAD, view(), 't', SITE, { refused: { values: sent, problems, code: 'SUBSCRIBER.INVALID_PREFERENCES' } });
      const summary = /<div class="error-summary" role="alert">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
      expect(summary).toContain('<li><a href="#quietHoursEnd">Give both times for quiet hours (from and until), or leave both empty</a></li>');
      expect(summary).toContain('<li>Part of the form &lt;could&gt; not be read</li>');
      expect(summary).toContain('<p class="code">Error code: SUBSCRIBER.INVALID_PREFERENCES</p>');
      expect(page.indexOf('role="alert"')).toBeLessThan(page.indexOf('<form'));
      expect(page).toContain(
        '<label for="quietHoursEnd">until</label><p class="error" id="quietHoursEnd-error">Give both times for quiet hours (from and until), or leave both empty</p>\n' +
          '<input type="time" id="quietHoursEnd" name="quietHoursEnd" value="" aria-invalid="true" aria-describedby="quietHoursEnd-error">',
      );
      // Only the input a problem is about is marked.
      expect(page.match(/aria-invalid="true"/g)).toHaveLength(1);
      expect(page).toContain('<input type="time" id="quietHoursStart" name="quietHoursStart" value="22:00">');
    });

    it('points a problem with the sections or how often at the group of boxes', () => {
      const page = preferencesPage(MASTHEAD, view(), 't', SITE, {
        refused: { values: { ...sent, sections: [] }, problems: [{ field: 'sections', message: 'Tick at least one section' }, { field: 'frequency', message: 'Choose how often' }], code: 'SUBSCRIBER.NO_INTERESTS' },
      });
      expect(page).toContain('<fieldset class="sections" id="sections" aria-describedby="sections-error"><legend>Sections</legend><p class="error" id="sections-error">Tick at least one section</p>');
      expect(page).toContain('<fieldset class="frequency" id="frequency" aria-describedby="frequency-error"><legend>How often</legend><p class="error" id="frequency-error">Choose how often</p>');
      expect(page).not.toMatch(/name="sections" value="\w+" checked/);
    });

    it('shows the signup form again with the address, the choices and the way back sent, escaped', () => {
      const page = subscribePage(MASTHEAD, SITE, 'UTC', {
        values: { ...sent, email: 'not-an-email"><b>', returnTo: 'https://news.example/articles/a?x=1&y=2' },
        problems: [{ field: 'email', message: 'Enter an e-mail address such as name@example.com' }],
        code: 'REQUEST.VALIDATION_FAILED',
      });
      expect(page).toContain('<strong>You are not signed up yet.</strong>');
      expect(page).toContain('<input type="email" id="email" name="email" required maxlength="254" autocomplete="email" value="not-an-email&quot;&gt;&lt;b&gt;" aria-invalid="true" aria-describedby="email-error">');
      expect(page).toContain('<p class="error" id="email-error">Enter an e-mail address such as name@example.com</p>');
      expect(page).not.toContain('<b>');
      expect(page).toContain('name="tags" value="Harbour, a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
      expect(page).not.toContain('<script>');
      expect(page).toContain('<input type="checkbox" name="sections" value="world" checked>');
      expect(page).toContain('name="frequency" value="daily-digest" checked>');
      expect(page).toContain('name="timeZone" value="Europe/Kyiv"');
      expect(page).toContain('Error code: REQUEST.VALIDATION_FAILED');
      // Posted again from here, it still leads back to the page of the site it came from.
      expect(page).toContain('<input type="hidden" name="returnTo" value="https://news.example/articles/a?x=1&amp;y=2">');
      expect(page).toContain('<a href="https://news.example/articles/a?x=1&amp;y=2">Back to where you were</a>');
    });

    it('leaves the forms as they were when nothing was refused', () => {
      for (const page of [subscribePage(MASTHEAD, SITE), preferencesPage(MASTHEAD, view(), 't', SITE)]) {
        expect(page).not.toContain('role="alert"');
        expect(page).not.toContain('aria-invalid="true"');
        expect(page).not.toContain('Error code');
      }
      expect(subscribePage(MASTHEAD, SITE)).not.toContain('name="returnTo"');
    });
  });

  it('show error codes and messages as text', () => {
    const page = errorPage(MASTHEAD, 410, 'LINK.EXPIRED', 'Expired <soon>');
    expect(page).toContain('<title>This link has expired · Harwick Gazette</title>');
    expect(page).toContain('Expired &lt;soon&gt;');
  });
});
