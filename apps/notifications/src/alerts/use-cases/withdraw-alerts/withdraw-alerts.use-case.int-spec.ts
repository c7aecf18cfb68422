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

    const result = await withdraw.execute(WithdrawAlertsCommand.create({ articleId: article.articleId, withdrawnAt: new Date() }));

    expect(result).toEqual({ cancelled: 1 });
    expect((await deliveriesOf(testbed, article.articleId)).map((row) => row.status)).toEqual(['sending', 'cancelled']);
  });

  it('remembers the latest withdrawal, even of an article it has not seen yet', async () => {
    const articleId = publishedArticle().articleId;
    const later = new Date('2026-01-02T10:00:00Z');
    await withdraw.execute(WithdrawAlertsCommand.create({ articleId, withdrawnAt: later }));
    await withdraw.execute(WithdrawAlertsCommand.create({ articleId, withdrawnAt: new Date('2026-01-01T10:00:00Z') }));
    const [row] = await testbed.query(`SELECT withdrawn_at, fanned_out_at FROM article_alerts WHERE article_id = $1`, [articleId]);
    expect(row).toEqual({ withdrawn_at: later, fanned_out_at: null });
  });

  it('refuses a command that is not one: COMMAND.INVALID', async () => {
    expect(await errorCodeOf(() => withdraw.execute(WithdrawAlertsCommand.create({ articleId: 'nope', withdrawnAt: new Date() })))).toBe('COMMAND.INVALID');
  });
});
