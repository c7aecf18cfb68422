import { UseCaseTestbed } from '@newsroom/test-harness';
import { errorCodeOf, publishedArticle } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { FanOutAlertsCommand } from '../fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase, FIRST_BATCH } from '../fan-out-alerts/fan-out-alerts.use-case';
import { WithdrawAlertsCommand } from '../withdraw-alerts/withdraw-alerts.command';
import { WithdrawAlertsUseCase } from '../withdraw-alerts/withdraw-alerts.use-case';
import { ExpandFanOutCommand } from './expand-fan-out.command';
import { ExpandFanOutUseCase } from './expand-fan-out.use-case';

/** More followers than the consumer's transaction queues, so the rest is left to the background. */
const AUDIENCE = FIRST_BATCH + 1_234;

describe(ExpandFanOutUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let expand: ExpandFanOutUseCase;
  const step = (batchSize: number) => expand.execute(ExpandFanOutCommand.create({ batchSize }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_expand', [ExpandFanOutUseCase]));
    expand = testbed.get(ExpandFanOutUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await testbed.reset();
    // Confirmed followers of politics, inserted with SQL: the sign-up path is not what is measured here.
    await testbed.query(
      `INSERT INTO subscribers (id, email, status, sections, confirmed_at)
       SELECT gen_random_uuid(), 'reader-' || n || '@example.com', 'confirmed', ARRAY['politics'], now() FROM generate_series(1, $1) AS n`,
      [AUDIENCE],
    );
  });

  const deliveryCounts = async (articleId: string) =>
    (
      await testbed.query<{ n: number; recipients: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT recipient_id)::int AS recipients FROM deliveries WHERE article_id = $1 AND channel = 'email'`,
        [articleId],
      )
    )[0];

  it('queues the first batch at once and the rest in keyset batches, each follower once, then closes the job', async () => {
    const article = publishedArticle();
    const first = await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    expect(first.queued.email).toBe(FIRST_BATCH);

    const batches: number[] = [];
    for (let progress = await step(500); progress; progress = await step(500)) {
      expect(progress).toMatchObject({ articleId: article.articleId, channel: 'email', withdrawn: false });
      batches.push(progress.batch);
    }

    // 1,234 left: three full batches of 500 would be 1,500, so two full ones and a last of 234.
    expect(batches).toEqual([500, 500, 234]);
    expect(await deliveryCounts(article.articleId)).toEqual({ n: AUDIENCE, recipients: AUDIENCE });
    expect(await testbed.query(`SELECT channel, queued, done_at IS NOT NULL AS done FROM fan_outs WHERE article_id = $1`, [article.articleId])).toEqual([
      { channel: 'email', queued: AUDIENCE, done: true },
    ]);
  });

  it('creates nothing twice when the same publication is fanned out again while its job runs', async () => {
    const article = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    await step(1_000);
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    while (await step(1_000));

    expect(await deliveryCounts(article.articleId)).toEqual({ n: AUDIENCE, recipients: AUDIENCE });
  });

  it('stops a job whose article was withdrawn: nothing more is queued, and what was queued is cancelled', async () => {
    const article = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    await testbed
      .get(WithdrawAlertsUseCase)
      .execute(WithdrawAlertsCommand.create({ articleId: article.articleId, withdrawnAt: new Date(), removal: 'killed' }));

    expect(await step(500)).toMatchObject({ done: true, withdrawn: true, batch: 0 });
    expect(await step(500)).toBeNull();
    const statuses = await testbed.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM deliveries WHERE article_id = $1 GROUP BY status`,
      [article.articleId],
    );
    expect(statuses).toEqual([{ status: 'cancelled', n: FIRST_BATCH }]);
  });

  it('has nothing to do when no fan-out is open', async () => {
    expect(await step(500)).toBeNull();
  });

  it('refuses a command that is not one: COMMAND.INVALID', async () => {
    expect(await errorCodeOf(() => step(0))).toBe('COMMAND.INVALID');
  });
});
