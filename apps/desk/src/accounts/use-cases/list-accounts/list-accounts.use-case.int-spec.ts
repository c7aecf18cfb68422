import { UseCaseTestbed } from '@newsroom/test-harness';
import { deskTestbed } from '../../../../test/desk-testbed';
import { ListAccountsUseCase } from './list-accounts.use-case';

describe(ListAccountsUseCase.name, () => {
  let testbed: UseCaseTestbed;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_list_accounts'));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('lists every account by e-mail address in any case, saying which are active and which disabled, never a password hash', async () => {
    await testbed.query(
      `INSERT INTO accounts (id, email, name, roles, password_hash, disabled) VALUES
         ('33333333-3333-4333-8333-333333333333', 'zoe@desk.test', 'Zoe', '{editor}', '$argon2id$x', true),
         ('11111111-1111-4111-8111-111111111111', 'Ada@desk.test', 'Ada', '{admin}', '$argon2id$x', false),
         ('22222222-2222-4222-8222-222222222222', 'bob@desk.test', 'Bob', '{reporter,editor}', NULL, false)`,
    );

    expect(await testbed.get(ListAccountsUseCase).execute()).toEqual([
      { id: '11111111-1111-4111-8111-111111111111', email: 'Ada@desk.test', name: 'Ada', roles: ['admin'], disabled: false, active: true },
      { id: '22222222-2222-4222-8222-222222222222', email: 'bob@desk.test', name: 'Bob', roles: ['reporter', 'editor'], disabled: false, active: false },
      { id: '33333333-3333-4333-8333-333333333333', email: 'zoe@desk.test', name: 'Zoe', roles: ['editor'], disabled: true, active: true },
    ]);
  });

  it('answers an empty list on a desk with no accounts', async () => {
    expect(await testbed.get(ListAccountsUseCase).execute()).toEqual([]);
  });
});
