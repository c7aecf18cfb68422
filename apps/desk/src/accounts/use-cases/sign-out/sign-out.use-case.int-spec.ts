import { UseCaseTestbed } from '@newsroom/test-harness';
import { deskTestbed, signedInAdmin } from '../../../../test/desk-testbed';
import { ResolveSessionUseCase } from '../resolve-session/resolve-session.use-case';
import { SignOutCommand } from './sign-out.command';
import { SignOutUseCase } from './sign-out.use-case';

describe(SignOutUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let adminId: string;
  let sessionToken: string;
  let sessionId: string;
  const signOut = () => testbed.get(SignOutUseCase).execute(SignOutCommand.create({ sessionId, accountId: adminId }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_sign_out'));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await testbed.reset();
    const signedIn = await signedInAdmin(testbed);
    adminId = signedIn.adminId;
    sessionToken = signedIn.session.sessionToken;
    [{ id: sessionId }] = await testbed.query<{ id: string }>(`SELECT id FROM sessions`);
  });

  it('revokes the session server-side, so its cookie stops working, and records the sign-out', async () => {
    await signOut();

    expect(await testbed.query(`SELECT revoked_at IS NOT NULL AS revoked FROM sessions`)).toEqual([{ revoked: true }]);
    expect(await testbed.get(ResolveSessionUseCase).execute(sessionToken)).toBeUndefined();
    expect(await testbed.query(`SELECT actor_id, account_id, details FROM audit_log WHERE action = 'sign-out'`)).toEqual([
      { actor_id: adminId, account_id: adminId, details: { sessionId } },
    ]);
  });

  it('records a sign-out once: a second one for the same session changes nothing', async () => {
    await signOut();
    const [{ revoked_at: first }] = await testbed.query<{ revoked_at: Date }>(`SELECT revoked_at FROM sessions`);

    await signOut();

    expect(await testbed.query(`SELECT revoked_at FROM sessions`)).toEqual([{ revoked_at: first }]);
    expect(await testbed.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sign-out'`)).toEqual([{ n: 1 }]);
  });
});
