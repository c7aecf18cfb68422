import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { deskTestbed } from '../../../../test/desk-testbed';
import { tokenHash } from '../../domain/secrets';
import { SeedInitialAdminUseCase } from '../seed-initial-admin/seed-initial-admin.use-case';
import { UpdateAccountCommand } from '../update-account/update-account.command';
import { UpdateAccountUseCase } from '../update-account/update-account.use-case';
import { SignInCommand } from './sign-in.command';
import { SignInUseCase } from './sign-in.use-case';

describe(SignInUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let signIn: SignInUseCase;
  const password = 'a long admin password';
  const run = (email: string, pass: string) => signIn.execute(SignInCommand.create({ email, password: pass, clientAddress: '192.0.2.7' }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_sign_in'));
    signIn = testbed.get(SignInUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await testbed.reset();
    await testbed.get(SeedInitialAdminUseCase).execute({ email: 'Admin@Desk.test', password });
  });

  it('opens a session for the right password, storing only hashes of its token, and records the sign-in', async () => {
    const session = await run('admin@desk.test', password);
    expect(session.user).toMatchObject({ email: 'Admin@Desk.test', roles: ['admin'] });
    const [row] = await testbed.query<{ token_hash: string; csrf_token: string }>(`SELECT token_hash, csrf_token FROM sessions`);
    expect(row).toEqual({ token_hash: tokenHash(session.sessionToken), csrf_token: session.csrfToken });
    expect(await testbed.query(`SELECT action, client_address FROM audit_log WHERE action = 'sign-in'`)).toEqual([{ action: 'sign-in', client_address: '192.0.2.7' }]);
  });

  it.each([
    ['a wrong password', 'admin@desk.test', 'not the right one', 'wrong-password'],
    ['an unknown address', 'nobody@desk.test', password, 'unknown-email'],
  ])('refuses %s with AUTH.BAD_CREDENTIALS, opens nothing and records why', async (_, email, pass, reason) => {
    expect(await refusal(run(email, pass))).toMatchObject({ code: 'AUTH.BAD_CREDENTIALS', kind: 'unauthorized' });
    expect(await testbed.query(`SELECT 1 FROM sessions`)).toHaveLength(0);
    expect(await testbed.query(`SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'sign-in-refused'`)).toEqual([{ reason }]);
  });

  it('refuses a disabled account even with its right password', async () => {
    const [admin] = await testbed.query<{ id: string }>(`SELECT id FROM accounts`);
    await testbed.query(`INSERT INTO accounts (id, email, name, roles) VALUES (gen_random_uuid(), 'other@desk.test', 'Other', '{admin}')`);
    const [other] = await testbed.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'other@desk.test'`);
    await testbed.get(UpdateAccountUseCase).execute(UpdateAccountCommand.create({ adminId: other.id, accountId: admin.id, disabled: true }));
    expect((await refusal(run('admin@desk.test', password))).code).toBe('AUTH.BAD_CREDENTIALS');
    expect(await testbed.query(`SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'sign-in-refused'`)).toEqual([{ reason: 'disabled' }]);
  });
});
