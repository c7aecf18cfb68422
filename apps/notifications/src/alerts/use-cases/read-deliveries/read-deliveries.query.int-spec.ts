import { UseCaseTestbed } from '@newsroom/test-harness';
import { deliveriesOf, emailSubscriber, publishedArticle, pushSubscriber } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { FanOutAlertsCommand } from '../fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase } from '../fan-out-alerts/fan-out-alerts.use-case';
import { ReadDeliveriesQuery } from './read-deliveries.query';

describe(ReadDeliveriesQuery.name, () => {
  let testbed: UseCaseTestbed;
  let read: ReadDeliveriesQuery;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_read_deliveries'));
    read = testbed.get(ReadDeliveriesQuery);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  /** Marks a delivery handed off `seconds` after its article's recorded publication. */
  const sentAfter = (id: string, seconds: number) =>
    testbed.query(
      `UPDATE deliveries d SET status = 'sent', attempts = 1, sent_at = a.published_at + make_interval(secs => $2)
       FROM article_alerts a WHERE a.article_id = d.article_id AND d.id = $1`,
      [id, seconds],
    );

  it('reports per channel the percentiles of seconds from publication to hand-off and the share reached within 2 minutes', async () => {
    for (let i = 0; i < 5; i++) await emailSubscriber(testbed, `reader${i}@example.com`, { sections: ['politics'] });
    await pushSubscriber(testbed, { sections: ['politics'] });
    await pushSubscriber(testbed, { sections: ['politics'] });
    const article = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    const rows = await deliveriesOf(testbed, article.articleId);
    const email = rows.filter((row) => row.channel === 'email').map((row) => row.id);
    const push = rows.filter((row) => row.channel === 'push').map((row) => row.id);
    // e-mail: 10, 30, 60, 300 s; the fifth still pending. Push: one after 5 s, one failed.
    for (const [index, seconds] of [10, 30, 60, 300].entries()) await sentAfter(email[index], seconds);
    await sentAfter(push[0], 5);
    await testbed.query(`UPDATE deliveries SET status = 'failed', attempts = 5 WHERE id = $1`, [push[1]]);

    const { speed, deliveries } = await read.forArticle(article.articleId, 10, 0);
    // Each says which it is: the story's alert here (a correction's deliveries say correction).
    expect(deliveries.map((delivery) => delivery.kind)).toEqual(Array(7).fill('alert'));

    // percentile_cont interpolates: p50 of 10, 30, 60, 300 is 45; p90 at rank 2.7 is 60 + 0.7 × 240.
    expect(speed).toEqual([
      {
        channel: 'email',
        deliveries: 5,
        sent: 4,
        p50Seconds: 45,
        p90Seconds: expect.closeTo(228, 6),
        p99Seconds: expect.closeTo(292.8, 6),
        withinTwoMinutes: 3,
        shareWithinTwoMinutes: 0.6,
      },
      { channel: 'push', deliveries: 2, sent: 1, p50Seconds: 5, p90Seconds: 5, p99Seconds: 5, withinTwoMinutes: 1, shareWithinTwoMinutes: 0.5 },
    ]);
  });

  it('gives no percentiles for a channel with nothing sent yet, and nothing reached', async () => {
    await emailSubscriber(testbed, 'waiting@example.com', { sections: ['politics'] });
    const article = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));

    const { speed, deliveries } = await read.forArticle(article.articleId, 10, 0);
    // Each says which it is: the story's alert here (a correction's deliveries say correction).
    expect(deliveries.map((delivery) => delivery.kind)).toEqual(['alert']);

    expect(speed).toEqual([
      { channel: 'email', deliveries: 1, sent: 0, p50Seconds: null, p90Seconds: null, p99Seconds: null, withinTwoMinutes: 0, shareWithinTwoMinutes: 0 },
    ]);
  });
});
