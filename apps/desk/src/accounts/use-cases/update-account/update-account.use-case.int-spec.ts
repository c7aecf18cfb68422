import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { deskTestbed } from '../../../../test/desk-testbed';
import { SeedInitialAdminUseCase } from '../seed-initial-admin/seed-initial-admin.use-case';
import { SignInCommand } from '../sign-in/sign-in.command';
import { SignInUseCase } from '../sign-in/sign-in.use-case';
import { ResolveSessionUseCase } from '../resolve-session/resolve-session.use-case';
import { UpdateAccountCommand } from './update-account.command';
import { UpdateAccountUseCase } from './update-account.use-case';

describe(UpdateAccountUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let update: UpdateAccountUseCase;
  let adminId: string;
  let rosaId: string;
  const run = (input: Omit<UpdateAccountCommand, 'adminId'>, by = adminId) => update.execute(UpdateAccountCommand.create({ adminId: by, ...input }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_update_account'));
    update = testbed.get(UpdateAccountUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await testbed.reset();
    await testbed.get(SeedInitialAdminUseCase).execute({ email: 'admin@desk.test', password: 'a long admin password' });
    // Rosa with the same password as the admin, so a session can be opened for her.
    await testbed.query(`INSERT INTO accounts (id, email, name, roles, password_hash) SELECT gen_random_uuid(), 'rosa@desk.test', 'Rosa', '{reporter}', password_hash FROM accounts`);
    [{ id: adminId }, { id: rosaId }] = await testbed.query<{ id: string }>(`SELECT id FROM accounts ORDER BY email`);
  });

  it('disables an account and revokes its sessions in the same transaction, with an audit row', async () => {
    const session = await testbed.get(SignInUseCase).execute(SignInCommand.create({ email: 'rosa@desk.test', password: 'a long admin password' }));
    expect(await testbed.get(ResolveSessionUseCase).execute(session.sessionToken)).toBeDefined();

    expect(await run({ accountId: rosaId, disabled: true })).toMatchObject({ disabled: true });

    expect(await testbed.get(ResolveSessionUseCase).execute(session.sessionToken)).toBeUndefined();
    expect(await testbed.query(`SELECT count(*)::int AS live FROM sessions WHERE account_id = $1 AND revoked_at IS NULL`, [rosaId])).toEqual([{ live: 0 }]);
    expect(await testbed.query(`SELECT action, details FROM audit_log WHERE account_id = $1 AND action = 'account-disabled'`, [rosaId])).toEqual([
      { action: 'account-disabled', details: { sessionsRevoked: 1 } },
    ]);
  });

  it('changes roles and records from what to what', async () => {
    expect(await run({ accountId: rosaId, roles: ['reporter', 'editor'] })).toMatchObject({ roles: ['reporter', 'editor'] });
    expect(await testbed.query(`SELECT details FROM audit_log WHERE action = 'account-roles-changed'`)).toEqual([{ details: { from: ['reporter'], to: ['reporter', 'editor'] } }]);
  });

  it('keeps an admin from disabling or demoting themselves, and answers 404 for an unknown account', async () => {
    expect((await refusal(run({ accountId: adminId, disabled: true }))).code).toBe('ACCOUNT.SELF_DISABLE');
    expect((await refusal(run({ accountId: adminId, roles: ['editor'] }))).code).toBe('ACCOUNT.SELF_DEMOTION');
    expect((await refusal(run({ accountId: '00000000-0000-4000-8000-000000000000', disabled: true }))).code).toBe('ACCOUNT.NOT_FOUND');
    expect(await testbed.query(`SELECT disabled, roles FROM accounts WHERE id = $1`, [adminId])).toEqual([{ disabled: false, roles: ['admin'] }]);
  });
});
