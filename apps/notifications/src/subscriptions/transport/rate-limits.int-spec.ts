import { createECDH, randomBytes } from 'node:crypto';
import { eventually, type ServiceUnderTest } from '@newsroom/test-harness';
import type { FakeSmtpServer } from '../../../test/fake-smtp-server';
import { startNotificationsWithMail, type NotificationsWithMail } from '../../../test/notifications-under-test';

/**
 * The login-free routes of the running service, with low limits, behind one
 * trusted proxy: each test is its own client (X-Forwarded-For), so counts do not
 * leak between tests.
 */
describe('notifications rate limits (PostgreSQL, broker, SMTP server)', () => {
  jest.setTimeout(60_000);

  let suite: NotificationsWithMail;
  let smtp: FakeSmtpServer;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    suite = await startNotificationsWithMail('notifications_limits', {
      TRUST_PROXY: '1',
      RATE_LIMITS: 'signup:client=3/1h,signup:target=2/1h,confirm:client=3/1h,unsubscribe:client=3/1h,one-click-unsubscribe:client=9/1h,one-click-unsubscribe:target=2/1h,push-subscribe:client=3/1h,push-subscribe:target=2/1h',
    });
    ({ smtp, service } = suite);
  }, 120_000);

  afterAll(() => suite?.close(), 60_000);

  /** A request as the proxy passes it on: the client wrote `spoofed`, the proxy appended `client`. */
  const from = (client: string, spoofed?: string) => ({ headers: { 'x-forwarded-for': spoofed ? `${spoofed}, ${client}` : client } });
  const signUp = (client: string, email: string, spoofed?: string) =>
    service.anonymous.post<{ error?: { code: string } }>('/v1/subscribers', { email, sections: ['politics'] }, from(client, spoofed));
  const confirmationsSent = () => smtp.mails.filter((mail) => /Confirm/.test(mail.parsed.subject ?? '')).length;

  it('lets one client sign up 3 addresses an hour: 30 signups at once send 3 confirmation e-mails', async () => {
    const before = confirmationsSent();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signUp('203.0.113.10', `reader${i}@example.com`)));

    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(3);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(27);
    expect(refused[0].body.error?.code).toBe('REQUEST.RATE_LIMITED');
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThan(3000);
    await eventually('the 3 confirmation e-mails', () => (confirmationsSent() - before === 3 ? true : undefined));
    expect(await service.sql(`SELECT count(*)::int AS n FROM subscribers WHERE email LIKE 'reader%@example.com'`)).toEqual([{ n: 3 }]);
  });

  it('limits the signups for one address whoever sends them', async () => {
    const answers = [];
    for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) answers.push((await signUp(client, 'Target@Example.com')).status);
    answers.push((await signUp('198.51.100.4', 'target@example.com')).status);
    expect(answers).toEqual([202, 202, 429, 429]);
  });

  it('does not count a refused sign-up against its address, only against its client', async () => {
    const form = (client: string, fields: string) =>
      service.anonymous.post('/subscribe', undefined, {
        raw: `email=fixer%40example.com&sections=politics&${fields}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...from(client).headers },
      });
    // A reader gets the form back twice for mistakes (the address's limit is 2 an hour here)…
    expect((await form('198.51.100.20', 'timeZone=Mars%2FOlympus')).status).toBe(400);
    expect((await form('198.51.100.20', 'timeZone=Europe%2FKyiv&quietHoursStart=22%3A00')).status).toBe(400);
    expect((await signUp('198.51.100.21', 'fixer@example.com')).status).toBe(202);
    const refusedJson = await service.anonymous.post<{ error?: { code: string } }>('/v1/subscribers', { email: 'Fixer@example.com', sections: ['no-such-section'] }, from('198.51.100.21'));
    expect(refusedJson.status).toBe(400);
    // …and still signs up twice: the refusals sent no e-mail to the address.
    const corrected = await form('198.51.100.22', 'timeZone=Europe%2FKyiv&quietHoursStart=22%3A00&quietHoursEnd=07%3A00');
    expect(corrected.status).toBe(200);
    expect((await signUp('198.51.100.23', 'fixer@example.com')).status).toBe(429);
    // The client that sent the two refused forms used up 2 of its 3.
    expect((await signUp('198.51.100.20', 'other-fixer@example.com')).status).toBe(202);
    expect((await signUp('198.51.100.20', 'third-fixer@example.com')).status).toBe(429);
  });

  it('counts the client the trusted proxy saw, whatever the client wrote in X-Forwarded-For', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push((await signUp('192.0.2.77', `spoof${i}@example.com`, `10.9.9.${i}`)).status);
    expect(answers).toEqual([202, 202, 202, 429]);
    // Another client behind the same proxy is not affected.
    expect((await signUp('192.0.2.78', 'neighbour@example.com')).status).toBe(202);
  });

  it('limits push subscriptions per client and per browser endpoint', async () => {
    const keys = new Map<string, { p256dh: string; auth: string }>();
    // Each endpoint is a browser of its own, with its own keys every time it subscribes.
    const keysOf = (endpoint: string) => keys.get(endpoint) ?? keys.set(endpoint, { p256dh: createECDH('prime256v1').generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') }).get(endpoint)!;
    const subscribe = (client: string, endpoint: string) =>
      service.anonymous.post('/v1/push-subscriptions', { subscription: { endpoint, keys: keysOf(endpoint) }, sections: ['politics'] }, from(client));
    const perClient = [];
    for (let i = 0; i < 4; i += 1) perClient.push((await subscribe('203.0.113.40', `https://fcm.googleapis.com/fcm/send/client-${i}`)).status);
    expect(perClient).toEqual([201, 201, 201, 429]);

    const sameBrowser = [];
    for (const client of ['203.0.113.41', '203.0.113.42', '203.0.113.43']) sameBrowser.push((await subscribe(client, 'https://fcm.googleapis.com/fcm/send/one-browser')).status);
    expect(sameBrowser).toEqual([201, 200, 429]);
  });

  it('answers a limited link page with an HTML page for browsers and coded JSON for API clients', async () => {
    for (let i = 0; i < 3; i += 1) expect((await service.anonymous.get('/unsubscribe?token=v1.not.valid', from('203.0.113.60'))).status).toBe(400);

    const page = await service.anonymous.get('/unsubscribe?token=v1.not.valid', { headers: { ...from('203.0.113.60').headers, accept: 'text/html' } });
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(page.text).toContain('REQUEST.RATE_LIMITED');

    const json = await service.anonymous.get<{ error: { code: string } }>('/unsubscribe?token=v1.not.valid', {
      headers: { ...from('203.0.113.60').headers, accept: 'application/json' },
    });
    expect(json.status).toBe(429);
    expect(json.body.error.code).toBe('REQUEST.RATE_LIMITED');
  });

  it('does not limit one-click unsubscribes per client: a mailbox provider posts them for many readers from one address', async () => {
    const oneClick = (token: string) =>
      service.anonymous.post(`/unsubscribe?token=${token}`, undefined, {
        raw: 'List-Unsubscribe=One-Click',
        headers: { ...from('203.0.113.61').headers, 'content-type': 'application/x-www-form-urlencoded' },
      });
    // Twice the page's client limit of 3, each for another reader's link: refused for the link (forged here), never 429.
    for (let i = 0; i < 6; i += 1) expect((await oneClick(`v1.reader${i}.not-valid`)).status).toBe(400);
    // One link is still limited, whoever posts it.
    expect((await oneClick('v1.same.not-valid')).status).toBe(400);
    expect((await oneClick('v1.same.not-valid')).status).toBe(400);
    expect((await oneClick('v1.same.not-valid')).status).toBe(429);
    // A flood of forged links is bounded per client all the same (9 here; 2,000 per 10 minutes by default).
    expect((await oneClick('v1.one-more.not-valid')).status).toBe(429);
  });

  it('keeps the counts in PostgreSQL, shared by every replica: a restarted process still refuses', async () => {
    for (let i = 0; i < 3; i += 1) expect((await service.anonymous.get('/v1/subscribers/confirm?token=x', from('203.0.113.80'))).status).toBe(400);
    await service.restart();
    expect((await service.anonymous.get('/v1/subscribers/confirm?token=x', from('203.0.113.80'))).status).toBe(429);
    expect(await service.sql(`SELECT count(*)::int AS n FROM rate_limits WHERE key LIKE 'confirm:client:%'`)).toEqual([{ n: 1 }]);
    // Stored hashed: no client address in the table.
    expect(JSON.stringify(await service.sql(`SELECT key FROM rate_limits`))).not.toContain('203.0.113');
  });
});
