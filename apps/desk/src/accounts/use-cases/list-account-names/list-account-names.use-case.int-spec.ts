import { UseCaseTestbed } from '@newsroom/test-harness';
import { deskTestbed } from '../../../../test/desk-testbed';
import { ListAccountNamesUseCase } from './list-account-names.use-case';

describe(ListAccountNamesUseCase.name, () => {
  let testbed: UseCaseTestbed;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(deskTestbed('desk_list_account_names'));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('names every account by id, disabled and not yet active ones too, and says nothing else about them', async () => {
    await testbed.query(
      `INSERT INTO accounts (id, email, name, roles, password_hash, disabled) VALUES
         ('33333333-3333-4333-8333-333333333333', 'zoe@desk.test', 'Zoe Left', '{editor}', '$argon2id$x', true),
         ('11111111-1111-4111-8111-111111111111', 'ada@desk.test', 'Ada Admin', '{admin}', '$argon2id$x', false),
         ('22222222-2222-4222-8222-222222222222', 'bob@desk.test', 'bob Invited', '{reporter}', NULL, false)`,
    );

    expect(await testbed.get(ListAccountNamesUseCase).execute()).toEqual([
      { id: '11111111-1111-4111-8111-111111111111', name: 'Ada Admin' },
      { id: '22222222-2222-4222-8222-222222222222', name: 'bob Invited' },
      { id: '33333333-3333-4333-8333-333333333333', name: 'Zoe Left' },
    ]);
  });

  it('answers an empty list on a desk with no accounts', async () => {
    expect(await testbed.get(ListAccountNamesUseCase).execute()).toEqual([]);
  });
});
