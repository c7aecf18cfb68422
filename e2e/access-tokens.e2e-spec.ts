/**
 * Every service verifies bearer tokens against the desk's public keys (a JWKS), never a shared
 * secret: an HS256 token signed with the secret the services used to share is refused by each,
 * an ES256 token from the test key pair is accepted, and so is the token the desk mints for a
 * signed-in account when it forwards a request. "Accepted" is read from a route the token's
 * role may not use: 403 AUTH.FORBIDDEN comes only after the token has verified.
 */
import jwt from 'jsonwebtoken';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@newsroom/auth';
import { SERVICE_NAMES } from '@newsroom/testing';
import { E2E_DESK_ADMIN, NewsroomUnderTest } from './support/newsroom-under-test';

jest.setTimeout(180_000);

/** The shared secret of the development setup before tokens were signed by the desk. */
const OLD_SHARED_SECRET = 'newsroom-local-development-secret';
const EDITORS_ONLY = '/v1/dead-letters';

describe('access tokens on every service', () => {
  let newsroom: NewsroomUnderTest;

  beforeAll(async () => {
    newsroom = await NewsroomUnderTest.start();
  });

  afterAll(async () => {
    await newsroom?.stop();
  });

  it.each(SERVICE_NAMES.map((name) => [name]))('%s refuses an HS256 token signed with the old shared secret', async (service) => {
    const forged = jwt.sign({ roles: ['admin'] }, OLD_SHARED_SECRET, { algorithm: 'HS256', subject: 'mallory', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, expiresIn: 300 });
    const response = await fetch(newsroom.url(service, EDITORS_ONLY), { headers: { authorization: `Bearer ${forged}` } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('AUTH.INVALID_TOKEN');
  });

  it.each(SERVICE_NAMES.map((name) => [name]))('%s accepts an ES256 token its JWKS verifies', async (service) => {
    const response = await newsroom.call<{ error: { code: string } }>(service, 'GET', EDITORS_ONLY, { role: 'reporter', user: 'rhea' });
    expect([response.status, response.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  it('every service accepts the token the desk mints for a signed-in reporter', async () => {
    const desk = newsroom.url('desk');
    const session = async (response: Response) => ({
      cookie: (response.headers.get('set-cookie') ?? '').split(';')[0],
      csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken,
    });
    const json = { 'content-type': 'application/json' };
    const admin = await session(await fetch(`${desk}/api/session`, { method: 'POST', headers: json, body: JSON.stringify(E2E_DESK_ADMIN) }));
    const invited = await fetch(`${desk}/api/accounts`, {
      method: 'POST',
      headers: { ...json, cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      body: JSON.stringify({ email: 'rhea@newsroom.test', name: 'Rhea Reporter', roles: ['reporter'] }),
    });
    expect(invited.status).toBe(201);
    const mail = await newsroom.mail.waitFor((m) => m.to.includes('rhea@newsroom.test'));
    const token = /\/invitations\/([\w-]+)/.exec(mail.text)?.[1];
    const reporter = await session(await fetch(`${desk}/api/invitations/${token}`, { method: 'POST', headers: json, body: JSON.stringify({ password: 'rhea has a long password' }) }));

    for (const service of SERVICE_NAMES) {
      const response = await fetch(`${desk}/api/${service}${EDITORS_ONLY}`, { headers: { cookie: reporter.cookie } });
      expect([service, response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([service, 403, 'AUTH.FORBIDDEN']);
    }
    const drafts = await fetch(`${desk}/api/drafting/v1/drafts`, { headers: { cookie: reporter.cookie } });
    expect(drafts.status).toBe(200);
  });
});
