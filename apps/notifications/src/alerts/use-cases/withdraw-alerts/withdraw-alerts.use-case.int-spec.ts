import { UseCaseTestbed } from '@newsroom/test-harness';
import { deliveriesOf, emailSubscriber, errorCodeOf, publishedArticle, pushSubscriber } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { FanOutAlertsCommand } from '../fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase } from '../fan-out-alerts/fan-out-alerts.use-case';
import { WithdrawAlertsCommand } from './withdraw-alerts.command';
import { WithdrawAlertsUseCase } from './withdraw-alerts.use-case';

const WORKER = '00000000-0000-4000-8000-00000000000a';

describe(WithdrawAlertsUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let withdraw: WithdrawAlertsUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_withdraw'));
    withdraw = testbed.get(WithdrawAlertsUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('cancels the alerts not sent yet; one already being sent cannot be recalled', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    await pushSubscriber(testbed, { sections: ['politics'] });
    const article = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    await testbed.get(DeliveryRepository).claimDue(WORKER, 1);

    const result = await withdraw.execute(WithdrawAlertsCommand.create({ articleId: article.articleId, withdrawnAt: new Date(), removal: 'unpublished' }));

    expect(result).toEqual({ cancelled: 1 });
    expect((await deliveriesOf(testbed, article.articleId)).map((row) => row.status)).toEqual(['sending', 'cancelled']);
  });

  it('remembers the latest withdrawal, even of an article it has not seen yet', async () => {
    const articleId = publishedArticle().articleId;
    const later = new Date('2026-01-02T10:00:00Z');
    await withdraw.execute(WithdrawAlertsCommand.create({ articleId, withdrawnAt: later, removal: 'unpublished' }));
    await withdraw.execute(WithdrawAlertsCommand.create({ articleId, withdrawnAt: new Date('2026-01-01T10:00:00Z'), removal: 'unpublished' }));
    const [row] = await testbed.query(`SELECT withdrawn_at, fanned_out_at FROM article_alerts WHERE article_id = $1`, [articleId]);
    expect(row).toEqual({ withdrawn_at: later, fanned_out_at: null });
  });

  it('cancels every alert not sent yet when the story is killed, saying so in the delivery log', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    await pushSubscriber(testbed, { sections: ['politics'] });
    const article = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));

    const result = await withdraw.execute(WithdrawAlertsCommand.create({ articleId: article.articleId, withdrawnAt: new Date(), removal: 'killed' }));

    expect(result).toEqual({ cancelled: 2 });
    const rows = await testbed.query<{ status: string; last_error: string }>(`SELECT status, last_error FROM deliveries WHERE article_id = $1`, [article.articleId]);
    expect(rows).toEqual([
      { status: 'cancelled', last_error: 'article killed before the alert was sent' },
      { status: 'cancelled', last_error: 'article killed before the alert was sent' },
    ]);
  });

  it('keeps a killed story quiet when its publication arrives late', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const article = publishedArticle({ publishedAt: new Date(Date.now() - 60_000) });
    await withdraw.execute(WithdrawAlertsCommand.create({ articleId: article.articleId, withdrawnAt: new Date(), removal: 'killed' }));

    const late = await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));

    expect(late).toMatchObject({ fannedOut: false, reason: 'withdrawn' });
    expect(await deliveriesOf(testbed, article.articleId)).toHaveLength(0);
  });

  it('refuses a command that is not one: COMMAND.INVALID', async () => {
    expect(await errorCodeOf(() => withdraw.execute(WithdrawAlertsCommand.create({ articleId: 'nope', withdrawnAt: new Date(), removal: 'unpublished' })))).toBe('COMMAND.INVALID');
    const articleId = publishedArticle().articleId;
    expect(await errorCodeOf(() => withdraw.execute(WithdrawAlertsCommand.create({ articleId, withdrawnAt: new Date(), removal: 'archived' as never })))).toBe('COMMAND.INVALID');
  });
});
