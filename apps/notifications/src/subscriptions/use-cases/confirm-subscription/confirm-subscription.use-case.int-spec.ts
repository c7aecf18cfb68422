import { UseCaseTestbed } from '@newsroom/test-harness';
import { emailSubscriber, errorCodeOf, preferences } from '../../../../test/fixtures';
import { notificationsTestbed, TEST_PUBLIC_BASE_URL } from '../../../../test/notifications-testbed';
import { ConfirmSubscriptionCommand } from './confirm-subscription.command';
import { ConfirmSubscriptionUseCase } from './confirm-subscription.use-case';

describe(ConfirmSubscriptionUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let confirm: ConfirmSubscriptionUseCase;
  const run = (subscriberId: string) => confirm.execute(ConfirmSubscriptionCommand.create({ subscriberId }));
  const status = async (id: string) => (await testbed.query(`SELECT status, confirmed_at FROM subscribers WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_confirm'));
    confirm = testbed.get(ConfirmSubscriptionUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('confirms a pending subscriber, who gets alerts from now on', async () => {
    const id = await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] }, { confirmed: false });
    const outcome = await run(id);
    expect(outcome).toEqual({
      newlyConfirmed: true,
      preferences: preferences({ sections: ['politics'] }),
      preferencesUrl: expect.stringMatching(new RegExp(`^${TEST_PUBLIC_BASE_URL}/preferences\\?token=v1\\.`)),
    });
    expect(await status(id)).toMatchObject({ status: 'confirmed', confirmed_at: expect.any(Date) });
  });

  it('changes nothing on a second click', async () => {
    const id = await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    const before = await status(id);
    expect(await run(id)).toMatchObject({ newlyConfirmed: false });
    expect(await status(id)).toEqual(before);
  });

  it('never lets an old confirmation link undo an unsubscribe: SUBSCRIBER.UNSUBSCRIBED', async () => {
    const id = await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] }, { confirmed: false });
    await testbed.query(`UPDATE subscribers SET status = 'unsubscribed' WHERE id = $1`, [id]);
    expect(await errorCodeOf(() => run(id))).toBe('SUBSCRIBER.UNSUBSCRIBED');
    expect(await status(id)).toMatchObject({ status: 'unsubscribed' });
  });

  it('says when the subscriber no longer exists: SUBSCRIBER.NOT_FOUND', async () => {
    expect(await errorCodeOf(() => run('6f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11'))).toBe('SUBSCRIBER.NOT_FOUND');
  });

  it('refuses a command that is not one: COMMAND.INVALID', async () => {
    expect(await errorCodeOf(() => run('42'))).toBe('COMMAND.INVALID');
  });
});
