import { UseCaseTestbed } from '@newsroom/test-harness';
import { deskTestbed } from '../../../../test/desk-testbed';
import { SeedInitialAdminUseCase } from './seed-initial-admin.use-case';

describe(SeedInitialAdminUseCase.name, () => {
  let testbed: UseCaseTestbed;
  const admin = { email: 'Chief@Desk.test', password: 'a long admin password' };
  const seed = (settings = admin) => testbed.get(SeedInitialAdminUseCase).execute(settings);

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_seed_admin'));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('creates an active admin with an argon2id password on a desk with no admin, and records it', async () => {
    expect(await seed()).toBe(true);

    const [account] = await testbed.query<{ id: string; email: string; roles: string[]; disabled: boolean; password_hash: string }>(
      `SELECT id, email, roles, disabled, password_hash FROM accounts`,
    );
    expect(account).toMatchObject({ email: 'Chief@Desk.test', roles: ['admin'], disabled: false, password_hash: expect.stringMatching(/^\$argon2id\$/) });
    expect(await testbed.query(`SELECT action, actor_id, account_id, email, details FROM audit_log`)).toEqual([
      { action: 'account-seeded', actor_id: null, account_id: account.id, email: 'Chief@Desk.test', details: { roles: ['admin'] } },
    ]);
  });

  it('ignores the settings once any account is an admin, even under another address', async () => {
    await seed();

    expect(await seed({ email: 'second@desk.test', password: 'another long password' })).toBe(false);

    expect(await testbed.query(`SELECT email FROM accounts`)).toEqual([{ email: 'Chief@Desk.test' }]);
    expect(await testbed.query(`SELECT action FROM audit_log`)).toEqual([{ action: 'account-seeded' }]);
  });

  it('creates nothing when the address belongs to an account without the admin role', async () => {
    await testbed.query(`INSERT INTO accounts (id, email, name, roles) VALUES (gen_random_uuid(), 'chief@desk.test', 'Rosa', '{reporter}')`);

    expect(await seed()).toBe(false);

    expect(await testbed.query(`SELECT email, roles FROM accounts`)).toEqual([{ email: 'chief@desk.test', roles: ['reporter'] }]);
    expect(await testbed.query(`SELECT 1 FROM audit_log`)).toEqual([]);
  });
});
