/**
 * The desk in process against the real PostgreSQL, the local broker and the real mail catcher,
 * with the real drafting service as a process (from dist/: `npm run build` first): sign-in, the
 * rate limit, CSRF, sign-out, disabling, the invitation flow, the JWKS, and the API proxy whose
 * ES256 token drafting accepts. A small recording server stands in for editorial review and publishing, to
 * see exactly what the proxy sends.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import sharp from 'sharp';
import { verifyToken } from '@newsroom/auth';
import { exampleArticle, MESSAGE_LIMITS } from '@newsroom/contracts';
import { ServiceUnderTest } from '@newsroom/test-harness';
import {
  TEST_SIGNING_JWK,
  createTestDatabase,
  freePort,
  startLocalBroker,
  startMailCatcher,
  startServiceProcess,
  testJwksFile,
  testSigningKeyFile,
  type LocalBroker,
  type MailCatcher,
  type ServiceProcess,
  type TestDatabase,
} from '@newsroom/testing';
import { startDesk } from './desk.service';

jest.setTimeout(120_000);

const ADMIN = { email: 'admin@desk.test', password: 'a long admin password' };

interface ErrorBody {
  error: { code: string; message: string };
}
interface SessionBody {
  user: { id: string; email: string; name: string; roles: string[] };
  csrfToken: string;
}

/** One browser: it keeps the session cookie and sends the CSRF token it was given. */
class Browser {
  cookie?: string;
  csrfToken?: string;

  constructor(private readonly baseUrl: string) {}

  /**
   * `options.raw`: bytes sent as they are with `options.headers['content-type']`, instead of a JSON
   * body; a stream is sent chunked, with no length.
   */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string>; raw?: Buffer | ReadableStream<Uint8Array> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (options.csrf !== false && this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload, redirect: 'manual', duplex: 'half' } as RequestInit);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as T) : (undefined as T);
    if (parsed && typeof (parsed as { csrfToken?: unknown }).csrfToken === 'string') this.csrfToken = (parsed as unknown as { csrfToken: string }).csrfToken;
    return { status: response.status, body: parsed, headers: response.headers, text };
  }

  signIn(email: string, password: string) {
    return this.request<SessionBody & ErrorBody>('POST', '/api/session', { email, password });
  }
}

/** `bytes` bytes as a stream of 1 MB chunks: fetch sends it chunked, with no Content-Length. */
function inChunks(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
    pull(controller) {
      const size = Math.min(left, 1024 * 1024);
      left -= size;
      controller.enqueue(new Uint8Array(size).fill(1));
      if (left === 0) controller.close();
    },
  });
}

describe('desk service', () => {
  let broker: LocalBroker;
  let mail: MailCatcher;
  let draftingDb: TestDatabase;
  let drafting: ServiceProcess;
  let desk: ServiceUnderTest;
  let admin: Browser;
  /** What the stand-in for editorial review and publishing received: one entry per request. */
  const received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  let standIn: Server;

  /** Invites someone as the admin and accepts the invitation from the caught e-mail; the new person's browser. */
  async function invited(email: string, roles: string[], password = 'a long enough password'): Promise<Browser> {
    const created = await admin.request<{ account: { id: string }; invitationUrl: string }>('POST', '/api/accounts', { email, name: `Name of ${email}`, roles });
    expect(created.status).toBe(201);
    const caught = await mail.waitFor((m) => m.to.includes(email));
    const link = /https?:\/\/\S+\/invitations\/([\w-]+)/.exec(caught.text);
    expect(link?.[0]).toBe(created.body.invitationUrl);
    const person = new Browser(desk.baseUrl);
    const accepted = await person.request<SessionBody>('POST', `/api/invitations/${link![1]}`, { password });
    expect(accepted.status).toBe(200);
    return person;
  }

  beforeAll(async () => {
    [broker, mail, draftingDb] = await Promise.all([startLocalBroker(), startMailCatcher(), createTestDatabase('desk_drafting')]);
    standIn = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        response.writeHead(207, { 'content-type': 'application/json', etag: '"7"', 'set-cookie': 'leak=1', 'x-internal': 'no' });
        response.end(JSON.stringify({ echoed: true }));
      });
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    drafting = await startServiceProcess(
      'drafting',
      {
        PORT: String(await freePort()),
        DATABASE_URL: draftingDb.url,
        DATABASE_SCHEMA: 'drafting',
        KAFKA_BROKERS: broker.brokers.join(','),
        JWT_JWKS_FILE: testJwksFile(),
        LOG_LEVEL: 'error',
      },
      { logDir: 'tmp/desk-int-spec-logs', readyTimeoutMs: 90_000 },
    );
    desk = await ServiceUnderTest.start({
      name: 'desk_service',
      schema: 'desk',
      brokers: broker.brokers,
      boot: startDesk,
      env: {
        DESK_PUBLIC_URL: 'http://desk.test',
        DESK_SIGNING_KEY_FILE: testSigningKeyFile(),
        DRAFTING_URL: drafting.baseUrl,
        EDITORIAL_REVIEW_URL: `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`,
        PUBLISHING_URL: `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`,
        NOTIFICATIONS_URL: 'http://127.0.0.1:9',
        SMTP_URL: mail.smtpUrl,
        DESK_INITIAL_ADMIN_EMAIL: ADMIN.email,
        DESK_INITIAL_ADMIN_PASSWORD: ADMIN.password,
        RATE_LIMITS: 'sign-in:target=5/10m',
      },
    });
    admin = new Browser(desk.baseUrl);
    expect((await admin.signIn(ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  afterAll(async () => {
    await desk?.close();
    await drafting?.stop();
    await draftingDb?.drop();
    await new Promise((resolve) => standIn?.close(resolve));
    await mail?.stop();
    await broker?.stop();
  });

  it('signs in with the right password: the user, a CSRF token and an httpOnly, SameSite=Strict session cookie', async () => {
    const browser = new Browser(desk.baseUrl);
    const response = await browser.signIn(ADMIN.email.toUpperCase(), ADMIN.password);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ user: { id: expect.any(String), email: ADMIN.email, name: 'Desk admin', roles: ['admin'] }, csrfToken: expect.any(String) });
    expect(response.headers.get('set-cookie')).toMatch(/^newsroom_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect((await browser.request<SessionBody>('GET', '/api/session')).body).toEqual(response.body);
    expect(await desk.sql(`SELECT action FROM audit_log WHERE action = 'sign-in' AND email = $1`, [ADMIN.email])).not.toHaveLength(0);
  });

  it('refuses a wrong password and an unknown address alike, with AUTH.BAD_CREDENTIALS, and records both', async () => {
    const wrong = await new Browser(desk.baseUrl).signIn(ADMIN.email, 'not the password at all');
    const unknown = await new Browser(desk.baseUrl).signIn('nobody@desk.test', 'not the password at all');
    for (const response of [wrong, unknown]) {
      expect([response.status, response.body.error.code]).toEqual([401, 'AUTH.BAD_CREDENTIALS']);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    const refused = await desk.sql<{ details: { reason: string } }>(`SELECT details FROM audit_log WHERE action = 'sign-in-refused' ORDER BY id`);
    expect(refused.map((row) => row.details.reason)).toEqual(expect.arrayContaining(['wrong-password', 'unknown-email']));
  });

  it('answers 429 with Retry-After once one address has had too many attempts', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await new Browser(desk.baseUrl).signIn('target@desk.test', 'wrong password here')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await new Browser(desk.baseUrl).signIn('Target@desk.test', 'wrong password here');
    expect([limited.status, (limited.body as ErrorBody).error.code]).toEqual([429, 'REQUEST.RATE_LIMITED']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts sign-ins however the address is written: any case, a trailing slash', async () => {
    const statuses: number[] = [];
    for (const path of ['/api/session', '/API/Session', '/api/session/', '/Api/SESSION/', '/api/session', '/api/session']) {
      statuses.push((await new Browser(desk.baseUrl).request('POST', path, { email: 'spelled@desk.test', password: 'wrong password here' }, { csrf: false })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('gives back every sign-in that succeeds: signing in more often than the limit allows is never refused', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) statuses.push((await new Browser(desk.baseUrl).signIn(ADMIN.email, ADMIN.password)).status);
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it('asks for a session (AUTH.NO_SESSION) and, on changes, for the CSRF token (AUTH.CSRF_REJECTED)', async () => {
    const anonymous = await new Browser(desk.baseUrl).request<ErrorBody>('GET', '/api/session');
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'AUTH.NO_SESSION']);
    const withoutHeader = await admin.request<ErrorBody>('POST', '/api/accounts', { email: 'csrf@desk.test', name: 'C', roles: ['reporter'] }, { csrf: false });
    expect([withoutHeader.status, withoutHeader.body.error.code]).toEqual([403, 'AUTH.CSRF_REJECTED']);
    const wrongHeader = await admin.request<ErrorBody>('DELETE', '/api/session', undefined, { csrf: false, headers: { 'x-csrf-token': 'not-the-token' } });
    expect([wrongHeader.status, wrongHeader.body.error.code]).toEqual([403, 'AUTH.CSRF_REJECTED']);
    expect(await desk.sql(`SELECT 1 FROM accounts WHERE email = 'csrf@desk.test'`)).toHaveLength(0);
    expect((await admin.request('GET', '/api/session')).status).toBe(200);
  });

  it('refuses a sign-in that is not JSON (what a cross-site form sends) with 415 REQUEST.UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const [contentType, body] of [
      ['application/x-www-form-urlencoded', 'email=form%40desk.test&password=a+long+enough+password'],
      ['text/plain', JSON.stringify({ email: 'form@desk.test', password: 'a long enough password' })],
    ]) {
      const response = await fetch(`${desk.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': contentType }, body });
      expect([response.status, ((await response.json()) as ErrorBody).error.code, response.headers.get('set-cookie')]).toEqual([415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', null]);
    }
  });

  it('signs out by revoking the session server-side: the same cookie no longer works', async () => {
    const browser = new Browser(desk.baseUrl);
    await browser.signIn(ADMIN.email, ADMIN.password);
    const cookie = browser.cookie;
    expect((await browser.request('DELETE', '/api/session')).status).toBe(204);
    const replayed = new Browser(desk.baseUrl);
    replayed.cookie = cookie;
    expect((await replayed.request<ErrorBody>('GET', '/api/session')).body.error.code).toBe('AUTH.NO_SESSION');
  });

  it('invites by e-mail with a one-time link that sets the password and signs in; the link works once', async () => {
    const created = await admin.request<{ account: { email: string; roles: string[]; active: boolean }; invitationUrl: string }>('POST', '/api/accounts', {
      email: 'rosa@desk.test',
      name: 'Rosa Reporter',
      roles: ['reporter'],
    });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ email: 'rosa@desk.test', roles: ['reporter'], active: false });
    expect(created.body.invitationUrl).toMatch(/^http:\/\/desk\.test\/invitations\/[\w-]{40,}$/);
    const caught = await mail.waitFor((m) => m.to.includes('rosa@desk.test'));
    expect(caught.subject).toBe('You are invited to the Newsroom desk');
    expect(caught.text).toContain(created.body.invitationUrl);

    const token = created.body.invitationUrl.split('/').pop();
    const rosa = new Browser(desk.baseUrl);
    const tooShort = await rosa.request<ErrorBody>('POST', `/api/invitations/${token}`, { password: 'short' });
    expect([tooShort.status, tooShort.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    const accepted = await rosa.request<SessionBody>('POST', `/api/invitations/${token}`, { password: 'rosa has a long password', name: 'Rosa R.' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ email: 'rosa@desk.test', name: 'Rosa R.', roles: ['reporter'] });
    expect((await rosa.request('GET', '/api/session')).status).toBe(200);
    const again = await new Browser(desk.baseUrl).request<ErrorBody>('POST', `/api/invitations/${token}`, { password: 'another long password' });
    expect([again.status, again.body.error.code]).toEqual([410, 'INVITATION.GONE']);
    expect((await new Browser(desk.baseUrl).signIn('rosa@desk.test', 'rosa has a long password')).status).toBe(200);
    const taken = await admin.request<ErrorBody>('POST', '/api/accounts', { email: 'ROSA@desk.test', name: 'Rosa again', roles: ['editor'] });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'ACCOUNT.EMAIL_TAKEN']);
    // A role that is not one is named by its place in the list.
    const unknownRole = await admin.request<ErrorBody & { error: { details: unknown } }>('POST', '/api/accounts', { email: 'sam@desk.test', name: 'Sam', roles: ['reporter', 'Editor'] });
    expect([unknownRole.status, unknownRole.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    expect(unknownRole.body.error.details).toEqual([{ path: 'roles.1', message: 'roles.1 must be one of reporter, editor, admin' }]);
    const stored = await desk.sql<{ password_hash: string }>(`SELECT password_hash FROM accounts WHERE email = 'rosa@desk.test'`);
    expect(stored[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('keeps account management to admins', async () => {
    const reporter = await invited('rita@desk.test', ['reporter']);
    const listed = await reporter.request<ErrorBody>('GET', '/api/accounts');
    expect([listed.status, listed.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const all = await admin.request<{ items: { email: string }[] }>('GET', '/api/accounts');
    expect(all.body.items.map((a) => a.email)).toEqual(expect.arrayContaining([ADMIN.email, 'rita@desk.test']));
  });

  it('names colleagues by account id for anyone signed in, and tells nobody anything else about them', async () => {
    const reporter = await invited('nina@desk.test', ['reporter']);
    const reporterId = (await reporter.request<SessionBody>('GET', '/api/session')).body.user.id;
    const names = await reporter.request<{ items: Record<string, unknown>[] }>('GET', '/api/accounts/names');
    expect(names.status).toBe(200);
    expect(names.body.items).toContainEqual({ id: reporterId, name: 'Name of nina@desk.test' });
    expect(names.body.items.every((item) => Object.keys(item).sort().join() === 'id,name')).toBe(true);
    const anonymous = await new Browser(desk.baseUrl).request<ErrorBody>('GET', '/api/accounts/names');
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'AUTH.NO_SESSION']);
  });

  it('refuses a disabled account at once: its live session stops working and it cannot sign in', async () => {
    const dora = await invited('dora@desk.test', ['reporter'], 'dora has a long password');
    expect((await dora.request('GET', '/api/drafting/v1/drafts')).status).toBe(200);
    const id = (await dora.request<SessionBody>('GET', '/api/session')).body.user.id;

    const disabled = await admin.request<{ disabled: boolean }>('PATCH', `/api/accounts/${id}`, { disabled: true });
    expect([disabled.status, disabled.body.disabled]).toEqual([200, true]);
    expect((await dora.request<ErrorBody>('GET', '/api/session')).body.error.code).toBe('AUTH.NO_SESSION');
    expect((await dora.request<ErrorBody>('GET', '/api/drafting/v1/drafts')).status).toBe(401);
    expect((await new Browser(desk.baseUrl).signIn('dora@desk.test', 'dora has a long password')).body.error.code).toBe('AUTH.BAD_CREDENTIALS');
    expect(await desk.sql(`SELECT action FROM audit_log WHERE account_id = $1 AND action = 'account-disabled'`, [id])).toHaveLength(1);

    await admin.request('PATCH', `/api/accounts/${id}`, { disabled: false });
    expect((await new Browser(desk.baseUrl).signIn('dora@desk.test', 'dora has a long password')).status).toBe(200);
  });

  it('forwards to drafting with an ES256 token drafting accepts, for the session account, never showing the token', async () => {
    const reporter = await invited('ruth@desk.test', ['reporter']);
    const me = (await reporter.request<SessionBody>('GET', '/api/session')).body.user;
    const created = await reporter.request<{ id: string; version: number }>('POST', '/api/drafting/v1/drafts', exampleArticle());
    expect(created.status).toBe(201);
    expect(created.text).not.toMatch(/eyJ/);
    const read = await reporter.request<{ id: string; authorId: string }>('GET', `/api/drafting/v1/drafts/${created.body.id}?view=full`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.body.id, authorId: me.id });
    expect(read.headers.get('etag')).toBeTruthy();
    const stale = await reporter.request<ErrorBody>('PATCH', `/api/drafting/v1/drafts/${created.body.id}`, { headline: 'A new headline' }, { headers: { 'if-match': '"999"' } });
    expect(stale.status).toBe(412);
    const anonymous = await new Browser(desk.baseUrl).request<ErrorBody>('GET', '/api/drafting/v1/drafts');
    expect(anonymous.body.error.code).toBe('AUTH.NO_SESSION');
  });

  it('streams an image upload to drafting byte for byte with its content type, and passes its refusals back', async () => {
    const reporter = await invited('paz@desk.test', ['reporter']);
    const png = await sharp({ create: { width: 700, height: 350, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();
    const upload = await reporter.request<{ block: { url: string; width: number; height: number; renditions: { width: number }[] } }>('POST', '/api/drafting/v1/images', undefined, {
      raw: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.status).toBe(201);
    // drafting decoded the very picture: its size, and renditions no wider than it
    expect(upload.body.block).toMatchObject({ width: 700, height: 350, url: expect.stringMatching(/\/700\.png$/) });
    expect(upload.body.block.renditions.map((r) => r.width)).toEqual([320, 640, 700]);
    // another picture (the same bytes again would answer the stored image), said to be a JPEG
    const otherPng = await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer();
    const mislabelled = await reporter.request<ErrorBody>('POST', '/api/drafting/v1/images', undefined, { raw: otherPng, headers: { 'content-type': 'image/jpeg' } });
    expect([mislabelled.status, mislabelled.body.error.code]).toEqual([400, 'IMAGE.TYPE_MISMATCH']);
    const gif = await reporter.request<ErrorBody>('POST', '/api/drafting/v1/images', undefined, { raw: Buffer.from('GIF89a'), headers: { 'content-type': 'image/gif' } });
    expect([gif.status, gif.body.error.code]).toEqual([415, 'IMAGE.UNSUPPORTED_TYPE']);
    // Over the limit: refused by the desk with drafting's code, every time, not a cut connection read as "did not answer".
    for (const bytes of [MESSAGE_LIMITS.imageUploadBytes + 2 * 1024 * 1024, MESSAGE_LIMITS.imageUploadBytes + 2 * 1024 * 1024, MESSAGE_LIMITS.imageUploadBytes + 1]) {
      const tooLarge = await reporter.request<ErrorBody>('POST', '/api/drafting/v1/images', undefined, { raw: Buffer.alloc(bytes, 1), headers: { 'content-type': 'image/jpeg' } });
      expect([tooLarge.status, tooLarge.body.error.code, tooLarge.body.error.message]).toEqual([413, 'IMAGE.TOO_LARGE', 'An image may be at most 15 MB']);
    }
    // Sent without a length (chunked, 1 MB at a time), so the desk cannot refuse it up front: drafting
    // counts it as it arrives and drains the rest, and its refusal comes back whole.
    for (const bytes of [MESSAGE_LIMITS.imageUploadBytes + 1, MESSAGE_LIMITS.imageUploadBytes + 3 * 1024 * 1024]) {
      const chunked = await reporter.request<ErrorBody>('POST', '/api/drafting/v1/images', undefined, { raw: inChunks(bytes), headers: { 'content-type': 'image/jpeg' } });
      expect([chunked.status, chunked.body.error.code]).toEqual([413, 'IMAGE.TOO_LARGE']);
    }
    // and a chunked picture within the limit still goes through whole
    const smallChunked = await sharp({ create: { width: 90, height: 45, channels: 3, background: { r: 9, g: 90, b: 9 } } }).png().toBuffer();
    const accepted = await reporter.request<{ block: { width: number } }>('POST', '/api/drafting/v1/images', undefined, {
      raw: new Blob([smallChunked]).stream(),
      headers: { 'content-type': 'image/png' },
    });
    expect([accepted.status, accepted.body.block.width]).toEqual([201, 90]);
  });

  it("forwards a whole article on the routes that take one (a preview, a correction), and keeps the small limit on the others", async () => {
    const editor = await invited('ellis@desk.test', ['editor']);
    const longStory = { ...exampleArticle(), body: Array.from({ length: 30 }, (_, i) => ({ type: 'paragraph', text: `${i} ${'a'.repeat(9_990)}.` })) };
    expect(JSON.stringify(longStory).length).toBeGreaterThan(MESSAGE_LIMITS.requestBodyBytes * 2);
    const id = randomUUID();
    received.length = 0;
    const answers = await Promise.all([
      editor.request('POST', '/api/publishing/v1/preview', longStory),
      editor.request('POST', `/api/publishing/v1/articles/${id}/correction-carry`, longStory),
      editor.request('POST', `/api/publishing/v1/articles/${id}/corrections`, { note: 'n', changes: { body: longStory.body } }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([207, 207, 207]);
    expect(received.map((request) => [request.url, JSON.parse(request.body).body?.length ?? JSON.parse(request.body).changes.body.length]).sort()).toEqual(
      [['/v1/preview', 30], [`/v1/articles/${id}/correction-carry`, 30], [`/v1/articles/${id}/corrections`, 30]].sort(),
    );
    const refused = await Promise.all([
      editor.request<ErrorBody>('POST', `/api/publishing/v1/articles/${id}/unpublish`, { reason: 'x'.repeat(MESSAGE_LIMITS.requestBodyBytes + 1) }),
      editor.request<ErrorBody>('POST', '/api/editorial-review/v1/reviews/abc/comments', { body: 'x'.repeat(MESSAGE_LIMITS.requestBodyBytes + 1) }),
    ]);
    expect(refused.map((answer) => [answer.status, answer.body.error.code])).toEqual([
      [413, 'REQUEST.TOO_LARGE'],
      [413, 'REQUEST.TOO_LARGE'],
    ]);
  });

  it('forwards method, path, query, body and If-Match with a bearer token it mints (ES256, 5 minutes, cached), and passes back only safe headers', async () => {
    const editor = await invited('edna@desk.test', ['editor']);
    const me = (await editor.request<SessionBody>('GET', '/api/session')).body.user;
    received.length = 0;
    const answer = await editor.request('POST', '/api/editorial-review/v1/reviews/abc/approve?dry=1&x=%2F', { priority: 'breaking' }, { headers: { 'if-match': '"3"' } });
    await editor.request('GET', '/api/editorial-review/v1/reviews?status=pending');

    expect(answer.status).toBe(207);
    expect(answer.body).toEqual({ echoed: true });
    expect(answer.headers.get('etag')).toBe('"7"');
    expect(answer.headers.get('x-internal')).toBeNull();
    expect(answer.headers.get('set-cookie')).toBeNull();
    const [approve, list] = received;
    expect(approve).toMatchObject({ method: 'POST', url: '/v1/reviews/abc/approve?dry=1&x=%2F', body: '{"priority":"breaking"}' });
    expect(approve.headers['if-match']).toBe('"3"');
    expect(approve.headers.cookie).toBeUndefined();
    expect(approve.headers['x-csrf-token']).toBeUndefined();
    const token = /^Bearer (\S+)$/.exec(approve.headers.authorization ?? '')?.[1] ?? '';
    expect(list.headers.authorization).toBe(`Bearer ${token}`);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: TEST_SIGNING_JWK.kid });

    const jwks = await admin.request<JSONWebKeySet>('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys).toEqual([{ kty: 'EC', crv: 'P-256', x: TEST_SIGNING_JWK.x, y: TEST_SIGNING_JWK.y, kid: TEST_SIGNING_JWK.kid, use: 'sig', alg: 'ES256' }]);
    expect(JSON.stringify(jwks.body)).not.toContain(TEST_SIGNING_JWK.d);
    await expect(verifyToken(token, createLocalJWKSet(jwks.body))).resolves.toEqual({ id: me.id, roles: ['editor'], name: me.name });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(300);
  });
});
