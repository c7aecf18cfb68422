import type { RecipientView } from '../domain/recipient';
import { confirmedPage, errorPage, preferencesPage, unsubscribeConfirmPage } from './subscriber-pages';

const view = (overrides: Partial<RecipientView> = {}): RecipientView => ({
  kind: 'email',
  id: '6f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11',
  label: 'a•••@"evil"<b>.example',
  subscribed: true,
  preferences: { sections: ['politics'], tags: ['a"><script>x</script>'], breakingOnly: true },
  ...overrides,
});

describe('subscriber pages', () => {
  it('escape everything that came from a request or the database', () => {
    const page = preferencesPage(view(), 'v1.token"&x=<y>', 'Saved <now>');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).toContain('a•••@&quot;evil&quot;&lt;b&gt;.example');
    expect(page).toContain('value="a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(page).toContain('<strong>Saved &lt;now&gt;</strong>');
    // The token goes back into the form actions URL-encoded, then attribute-escaped.
    expect(page).toContain('action="/preferences?token=v1.token%22%26x%3D%3Cy%3E"');
    expect(page).toContain('action="/unsubscribe?token=v1.token%22%26x%3D%3Cy%3E"');
  });

  it('tick the breaking-news box only when it is chosen', () => {
    expect(preferencesPage(view(), 't')).toContain('value="on" checked>');
    expect(preferencesPage(view({ preferences: { sections: ['politics'], tags: [], breakingOnly: false } }), 't')).toContain('value="on">');
  });

  it('offer no form to a recipient who left', () => {
    expect(preferencesPage(view({ subscribed: false }), 't')).not.toContain('<form');
    expect(unsubscribeConfirmPage(view({ subscribed: false }), 't')).not.toContain('<form');
  });

  it('link only to http(s) preference URLs', () => {
    expect(confirmedPage(true, view().preferences, 'javascript:alert(1)')).not.toContain('javascript:');
    expect(confirmedPage(true, view().preferences, 'https://alerts.example/preferences?token=a&b')).toContain('href="https://alerts.example/preferences?token=a&amp;b"');
  });

  it('show error codes and messages as text', () => {
    const page = errorPage(410, 'LINK.EXPIRED', 'Expired <soon>');
    expect(page).toContain('<title>This link has expired</title>');
    expect(page).toContain('Expired &lt;soon&gt;');
  });
});
