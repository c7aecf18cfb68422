import { UseCaseTestbed } from '@newsroom/test-harness';
import { deliveriesOf, emailSubscriber, errorCodeOf, publishedArticle, pushSubscriber } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { FanOutAlertsCommand } from '../../../alerts/use-cases/fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase } from '../../../alerts/use-cases/fan-out-alerts/fan-out-alerts.use-case';
import { UnsubscribeCommand } from './unsubscribe.command';
import { UnsubscribeUseCase } from './unsubscribe.use-case';

describe(UnsubscribeUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let unsubscribe: UnsubscribeUseCase;
  const run = (kind: 'email' | 'push', recipientId: string) => unsubscribe.execute(UnsubscribeCommand.create({ kind, recipientId }));
  /** An article the recipients set up before follow; returns its id once its deliveries are queued. */
  const queuedAlert = async () => {
    const article = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    return article.articleId;
  };

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_unsubscribe'));
    unsubscribe = testbed.get(UnsubscribeUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('unsubscribes an email subscriber and cancels the alerts still waiting for them', async () => {
    const id = await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    const articleId = await queuedAlert();

    const result = await run('email', id);

    expect(result).toEqual({ changed: true, view: expect.objectContaining({ kind: 'email', id, subscribed: false }) });
    expect((await testbed.query(`SELECT status, unsubscribed_at FROM subscribers WHERE id = $1`, [id]))[0]).toMatchObject({
      status: 'unsubscribed',
      unsubscribed_at: expect.any(Date),
    });
    expect(await deliveriesOf(testbed, articleId)).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });

  it('ends a push subscription the same way', async () => {
    const id = await pushSubscriber(testbed, { sections: ['politics'] });
    const articleId = await queuedAlert();
    expect(await run('push', id)).toMatchObject({ changed: true, view: { kind: 'push', subscribed: false } });
    expect((await testbed.query(`SELECT active, deactivated_reason FROM push_subscriptions WHERE id = $1`, [id]))[0]).toEqual({ active: false, deactivated_reason: 'unsubscribed' });
    expect(await deliveriesOf(testbed, articleId)).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });

  it('is idempotent: a second request changes nothing', async () => {
    const id = await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    await run('email', id);
    const before = await testbed.query(`SELECT * FROM subscribers WHERE id = $1`, [id]);
    expect(await run('email', id)).toMatchObject({ changed: false });
    expect(await testbed.query(`SELECT * FROM subscribers WHERE id = $1`, [id])).toEqual(before);
  });

  it("leaves other recipients' alerts alone", async () => {
    const leaver = await emailSubscriber(testbed, 'leaver@example.com', { sections: ['politics'] });
    await emailSubscriber(testbed, 'stayer@example.com', { sections: ['politics'] });
    const articleId = await queuedAlert();
    await run('email', leaver);
    // Deliveries are queued in recipient order (random UUIDs): the leaver's row first.
    const rows = (await deliveriesOf(testbed, articleId)).map((d) => [d.recipient_id === leaver, d.status] as const);
    expect([...rows].sort(([a], [b]) => Number(b) - Number(a))).toEqual([
      [true, 'cancelled'],
      [false, 'pending'],
    ]);
  });

  it('says when the recipient no longer exists: SUBSCRIBER.NOT_FOUND', async () => {
    expect(await errorCodeOf(() => run('email', '6f1c1a2e-9d4b-4c1e-8f3a-2b7d9e0c5a11'))).toBe('SUBSCRIBER.NOT_FOUND');
  });
});
