/**
 * Sign-in through the newsroom's identity provider: the desk in process against the real
 * PostgreSQL and the local broker, and a real OpenID provider (oidc-provider) on loopback. The
 * browser is plain HTTP with a cookie jar per origin, following the redirects from the desk to
 * the provider and back as a browser would.
 */
import { ServiceUnderTest } from '@newsroom/test-harness';
import { TestIdentityProvider, standaloneDeskEnvironment, startLocalBroker, type LocalBroker, type ProviderAnswer } from '@newsroom/testing';
import { startDesk } from './desk.service';

jest.setTimeout(120_000);

const PUBLIC_URL = 'http://desk.test';
const CLIENT = { clientId: 'newsroom-desk', clientSecret: 'the desk client secret at the provider', redirectUri: `${PUBLIC_URL}/auth/oidc/callback` };
const ADMIN = { email: 'Admin@Desk.test', password: 'a long admin password' };

interface Answer {
  status: number;
  location: string | null;
  text: string;
  url: string;
}

/** A browser: cookies kept per origin (name → value; an expired one removed), redirects followed on request. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly deskUrl: string) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
    const target = new URL(url.startsWith(PUBLIC_URL) ? this.deskUrl + url.slice(PUBLIC_URL.length) : url);
    const cookies = [...(this.jar.get(target.origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(target, { redirect: 'manual', headers: { accept: 'text/html', ...(cookies ? { cookie: cookies } : {}), ...headers } });
    for (const line of response.headers.getSetCookie()) this.keep(target.origin, line);
    const location = response.headers.get('location');
    return { status: response.status, location: location && new URL(location, target).href, text: await response.text(), url: target.href };
  }

  /** Follows redirects from `url` until an answer that is not one, or until the provider sends the browser back to the desk. */
  async follow(url: string): Promise<Answer> {
    let answer = await this.get(url);
    for (let hop = 0; hop < 10 && answer.location && !answer.location.startsWith(`${PUBLIC_URL}/auth/oidc/callback`); hop++) {
      answer = await this.get(answer.location);
    }
    return answer;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  private keep(origin: string, line: string): void {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const [name, ...value] = pair.split('=');
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    this.jar.set(origin, cookies);
    const ended = attributes.some((attribute) => /^max-age=0$/i.test(attribute) || (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) < Date.now()));
    if (ended) cookies.delete(name);
    else cookies.set(name, value.join('='));
  }
}

describe('sign-in through the identity provider', () => {
  let broker: LocalBroker;
  let provider: TestIdentityProvider;
  let desk: ServiceUnderTest;

  /** Starts a sign-in in a new browser and lets the provider answer `answer`: the browser, and the callback URL the provider sent it to. */
  async function untilCallback(answer: ProviderAnswer, next?: string): Promise<{ browser: Browser; callback: string }> {
    provider.next = answer;
    const browser = new Browser(desk.baseUrl);
    const atProvider = await browser.follow(`${desk.baseUrl}/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    expect(atProvider.location).toMatch(/^http:\/\/desk\.test\/auth\/oidc\/callback\?/);
    return { browser, callback: atProvider.location ?? '' };
  }

  async function signInThroughProvider(answer: ProviderAnswer, next?: string): Promise<{ browser: Browser; answer: Answer }> {
    const { browser, callback } = await untilCallback(answer, next);
    return { browser, answer: await browser.get(callback) };
  }

  const person = (email: string, sub = `sub-of-${email}`, verified = true): ProviderAnswer => ({ person: { sub, email, email_verified: verified } });
  const sessionCount = async () => Number((await desk.sql<{ n: string }>(`SELECT count(*) AS n FROM sessions`))[0].n);
  const refusals = async () => desk.sql<{ reason: string; method: string; email: string }>(
    `SELECT details->>'reason' AS reason, details->>'method' AS method, email FROM audit_log WHERE action = 'sign-in-refused' ORDER BY id`,
  );

  /** A refusal: an HTML page with the code, a link back to sign-in, no session cookie and no new session. */
  async function expectRefused(run: () => Promise<{ browser: Browser; answer: Answer }>, status: number, code: string): Promise<Answer> {
    const before = await sessionCount();
    const { browser, answer } = await run();
    expect(answer.status).toBe(status);
    expect(answer.text).toContain('<!doctype html>');
    expect(answer.text).toContain(code);
    expect(answer.text).toContain('<a href="/sign-in">Back to sign-in</a>');
    expect(browser.cookie(desk.baseUrl, 'newsroom_session')).toBeUndefined();
    expect(await sessionCount()).toBe(before);
    return answer;
  }

  beforeAll(async () => {
    broker = await startLocalBroker();
    provider = await TestIdentityProvider.start(CLIENT);
    desk = await ServiceUnderTest.start({
      name: 'desk_oidc',
      schema: 'desk',
      brokers: broker.brokers,
      boot: startDesk,
      env: {
        ...standaloneDeskEnvironment(PUBLIC_URL, ADMIN),
        RATE_LIMITS: 'sign-in:client=1000/10m',
        ...provider.deskSettings('Newsroom ID'),
      },
    });
  });

  afterAll(async () => {
    await desk?.close();
    await provider?.close();
    await broker?.stop();
  });

  it('tells the sign-in screen where to start', async () => {
    const response = await fetch(`${desk.baseUrl}/api/session/options`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ oidc: { displayName: 'Newsroom ID', startUrl: '/auth/oidc/start' } });
  });

  it('signs a known person in (the address in any case), links their identity, and the session works on the desk API', async () => {
    const { browser, answer } = await signInThroughProvider(person('admin@DESK.test', 'admin-sub'), '/accounts');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`${desk.baseUrl}/accounts`);
    expect(browser.cookie(desk.baseUrl, 'newsroom_oidc_flow')).toBeUndefined();
    const session = await browser.get(`${desk.baseUrl}/api/session`, { accept: 'application/json' });
    expect(session.status).toBe(200);
    expect(JSON.parse(session.text)).toMatchObject({ user: { email: ADMIN.email, roles: ['admin'] }, csrfToken: expect.any(String) });
    expect((await browser.get(`${desk.baseUrl}/api/accounts`, { accept: 'application/json' })).status).toBe(200);

    expect(await desk.sql(`SELECT issuer, subject FROM account_identities`)).toEqual([{ issuer: provider.issuer, subject: 'admin-sub' }]);
    expect(await desk.sql(`SELECT action, details FROM audit_log WHERE action IN ('identity-linked', 'sign-in') ORDER BY id`)).toEqual([
      { action: 'identity-linked', details: { issuer: provider.issuer, subject: 'admin-sub' } },
      { action: 'sign-in', details: { method: 'oidc' } },
    ]);

    // Linked: the subject finds the account even after the address changed at the provider.
    const again = await signInThroughProvider(person('someone.else@example.org', 'admin-sub'));
    expect(again.answer.status).toBe(303);
    expect(again.answer.location).toBe(`${desk.baseUrl}/`);
    expect(JSON.parse((await again.browser.get(`${desk.baseUrl}/api/session`, { accept: 'application/json' })).text).user.email).toBe(ADMIN.email);
  });

  it('refuses an address no account has: no self-registration', async () => {
    await expectRefused(() => signInThroughProvider(person('stranger@desk.test')), 403, 'OIDC.NO_ACCOUNT');
    expect((await refusals()).at(-1)).toEqual({ reason: 'unknown-email', method: 'oidc', email: 'stranger@desk.test' });
  });

  it('refuses an address the provider has not verified, even for an existing account', async () => {
    await desk.sql(`INSERT INTO accounts (id, email, name, roles, password_hash) VALUES (gen_random_uuid(), 'unverified@desk.test', 'Una', '{reporter}', 'x')`);
    await expectRefused(() => signInThroughProvider(person('unverified@desk.test', 'una-sub', false)), 403, 'OIDC.EMAIL_NOT_VERIFIED');
    expect((await refusals()).at(-1)).toEqual({ reason: 'email-not-verified', method: 'oidc', email: 'unverified@desk.test' });
    expect(await desk.sql(`SELECT 1 FROM account_identities WHERE subject = 'una-sub'`)).toEqual([]);
  });

  it('refuses a disabled account', async () => {
    await desk.sql(`INSERT INTO accounts (id, email, name, roles, password_hash, disabled) VALUES (gen_random_uuid(), 'gone@desk.test', 'Gone', '{editor}', 'x', true)`);
    await expectRefused(() => signInThroughProvider(person('gone@desk.test')), 403, 'OIDC.ACCOUNT_DISABLED');
    expect((await refusals()).at(-1)).toEqual({ reason: 'disabled', method: 'oidc', email: 'gone@desk.test' });
  });

  it('shows the provider’s refusal (access_denied)', async () => {
    const page = await expectRefused(() => signInThroughProvider({ error: 'access_denied', description: 'The person said no' }), 403, 'OIDC.PROVIDER_REFUSED');
    expect(page.text).toContain('access_denied: The person said no');
  });

  it('refuses an answer whose state is not the one this browser’s sign-in sent', async () => {
    await expectRefused(
      async () => {
        const { browser, callback } = await untilCallback(person('admin@desk.test', 'admin-sub'));
        const forged = new URL(callback);
        forged.searchParams.set('state', 'a-state-the-desk-never-sent');
        return { browser, answer: await browser.get(forged.href) };
      },
      400,
      'OIDC.STATE_MISMATCH',
    );
  });

  it('answers each sign-in once: the same answer with the same cookie again is refused', async () => {
    const { browser, callback } = await untilCallback(person('admin@desk.test', 'admin-sub'));
    const flowCookie = browser.cookie(desk.baseUrl, 'newsroom_oidc_flow');
    expect((await browser.get(callback)).status).toBe(303);
    await expectRefused(async () => {
      const replaying = new Browser(desk.baseUrl);
      return { browser: replaying, answer: await replaying.get(callback, { cookie: `newsroom_oidc_flow=${flowCookie}` }) };
    }, 400, 'OIDC.FLOW_USED');
  });

  it('refuses an answer brought to another browser (no flow cookie) and a sign-in that took too long', async () => {
    await expectRefused(
      async () => {
        const { callback } = await untilCallback(person('admin@desk.test', 'admin-sub'));
        const other = new Browser(desk.baseUrl);
        return { browser: other, answer: await other.get(callback) };
      },
      400,
      'OIDC.FLOW_UNKNOWN',
    );
    await expectRefused(
      async () => {
        const { browser, callback } = await untilCallback(person('admin@desk.test', 'admin-sub'));
        await desk.sql(`UPDATE oidc_flows SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
        return { browser, answer: await browser.get(callback) };
      },
      400,
      'OIDC.FLOW_EXPIRED',
    );
  });

  it('activates an invited account through the provider, and its invitation link stops working', async () => {
    const admin = (await signInThroughProvider(person('admin@desk.test', 'admin-sub'))).browser;
    const csrf = (JSON.parse((await admin.get(`${desk.baseUrl}/api/session`, { accept: 'application/json' })).text) as { csrfToken: string }).csrfToken;
    const invited = await fetch(`${desk.baseUrl}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `newsroom_session=${admin.cookie(desk.baseUrl, 'newsroom_session')}` },
      body: JSON.stringify({ email: 'new.reporter@desk.test', name: 'New Reporter', roles: ['reporter'] }),
    });
    expect(invited.status).toBe(201);
    const { invitationUrl } = (await invited.json()) as { invitationUrl: string };

    const { browser, answer } = await signInThroughProvider(person('New.Reporter@desk.test', 'new-sub'));
    expect(answer.status).toBe(303);
    expect(JSON.parse((await browser.get(`${desk.baseUrl}/api/session`, { accept: 'application/json' })).text).user).toMatchObject({ email: 'new.reporter@desk.test', roles: ['reporter'] });
    expect(await desk.sql(`SELECT password_hash FROM accounts WHERE email = 'new.reporter@desk.test'`)).toEqual([{ password_hash: null }]);

    const accounts = await admin.get(`${desk.baseUrl}/api/accounts`, { accept: 'application/json' });
    const listed = (JSON.parse(accounts.text) as { items: { email: string; active: boolean }[] }).items.find((item) => item.email === 'new.reporter@desk.test');
    expect(listed?.active).toBe(true);
    const token = invitationUrl.split('/invitations/')[1];
    const accepted = await fetch(`${desk.baseUrl}/api/invitations/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'a password set too late' }),
    });
    expect(accepted.status).toBe(410);
  });
});
