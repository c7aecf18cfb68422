import { UseCaseTestbed } from '@newsroom/test-harness';
import { deskTestbed, signedInAdmin, testDeskConfig } from '../../../../test/desk-testbed';
import type { NewSession } from '../session-result';
import { ResolveSessionUseCase } from './resolve-session.use-case';

describe(ResolveSessionUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let adminId: string;
  let session: NewSession;
  const resolve = (cookieValue = session.sessionToken) => testbed.get(ResolveSessionUseCase).execute(cookieValue);
  const idleSeconds = testDeskConfig().sessionIdleSeconds;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_resolve_session'));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await testbed.reset();
    ({ adminId, session } = await signedInAdmin(testbed));
  });

  it('answers the person and the CSRF token behind a live cookie, and moves its idle expiry on by the configured time', async () => {
    await testbed.query(`UPDATE sessions SET expires_at = now() + interval '1 minute', last_seen_at = now() - interval '1 hour'`);
    const [{ id }] = await testbed.query<{ id: string }>(`SELECT id FROM sessions`);

    expect(await resolve()).toEqual({
      sessionId: id,
      csrfToken: session.csrfToken,
      user: { id: adminId, roles: ['admin'], name: 'Desk admin', email: 'admin@desk.test' },
    });

    expect(
      await testbed.query(`SELECT round(extract(epoch FROM expires_at - last_seen_at))::int AS idle, last_seen_at > now() - interval '1 hour' AS seen FROM sessions`),
    ).toEqual([{ idle: idleSeconds, seen: true }]);
  });

  it('answers nothing for a cookie value the desk never issued', async () => {
    expect(await resolve('a-cookie-value-the-desk-never-issued-at-all')).toBeUndefined();
  });

  it('answers nothing for a signed-out session', async () => {
    await testbed.query(`UPDATE sessions SET revoked_at = now()`);
    expect(await resolve()).toBeUndefined();
  });

  it('answers nothing for a session idle too long, and does not bring it back', async () => {
    await testbed.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);

    expect(await resolve()).toBeUndefined();

    expect(await testbed.query(`SELECT expires_at < now() AS expired FROM sessions`)).toEqual([{ expired: true }]);
  });

  it('answers nothing once the account is disabled, at the next request', async () => {
    await testbed.query(`UPDATE accounts SET disabled = true`);
    expect(await resolve()).toBeUndefined();
  });
});
