import { UseCaseTestbed } from '@newsroom/test-harness';
import { deliveriesOf, emailSubscriber, errorCodeOf, publishedArticle, pushSubscriber } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { MAX_ALERT_AGE_MS } from '../../domain/article-alert';
import { WithdrawAlertsCommand } from '../withdraw-alerts/withdraw-alerts.command';
import { WithdrawAlertsUseCase } from '../withdraw-alerts/withdraw-alerts.use-case';
import { FanOutAlertsCommand } from './fan-out-alerts.command';
import { FanOutAlertsUseCase } from './fan-out-alerts.use-case';

describe(FanOutAlertsUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fanOut: FanOutAlertsUseCase;
  const publish = (overrides: Parameters<typeof publishedArticle>[0] = {}) => fanOut.execute(FanOutAlertsCommand.create(publishedArticle(overrides)));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_fan_out'));
    fanOut = testbed.get(FanOutAlertsUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('queues one pending delivery per matching confirmed subscriber and active push subscription', async () => {
    const follower = await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    await emailSubscriber(testbed, 'pending@example.com', { sections: ['politics'] }, { confirmed: false });
    await emailSubscriber(testbed, 'sport@example.com', { sections: ['sport'] });
    const browser = await pushSubscriber(testbed, { tags: ['harbour'] });
    const article = publishedArticle();

    const result = await fanOut.execute(FanOutAlertsCommand.create(article));

    expect(result).toEqual({ fannedOut: true, queued: { email: 1, push: 1 } });
    const rows = await deliveriesOf(testbed, article.articleId);
    expect(rows.map((row) => [row.channel, row.recipient_id, row.status])).toEqual([
      ['email', follower, 'pending'],
      ['push', browser, 'pending'],
    ]);
  });

  it('stores what the alert says and when it fanned out', async () => {
    const article = publishedArticle({ standfirst: null, priority: 'breaking' });
    await fanOut.execute(FanOutAlertsCommand.create(article));
    const [stored] = await testbed.query(`SELECT revision, headline, standfirst, url, section, tags, priority, fanned_out_at FROM article_alerts WHERE article_id = $1`, [
      article.articleId,
    ]);
    expect(stored).toMatchObject({ revision: 1, headline: article.headline, standfirst: null, url: article.url, section: 'politics', tags: ['harbour'], priority: 'breaking' });
    expect(stored.fanned_out_at).toBeInstanceOf(Date);
  });

  it('alerts once: the same publication again queues nothing new', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const article = publishedArticle();
    await fanOut.execute(FanOutAlertsCommand.create(article));
    expect(await fanOut.execute(FanOutAlertsCommand.create({ ...article, revision: 2 }))).toEqual({
      fannedOut: false,
      reason: 'already-alerted',
      queued: { email: 0, push: 0 },
    });
    expect(await deliveriesOf(testbed, article.articleId)).toHaveLength(1);
  });

  it('alerts nobody about a story published more than a day before it was seen', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const result = await publish({ publishedAt: new Date(Date.now() - MAX_ALERT_AGE_MS - 60_000) });
    expect(result).toMatchObject({ fannedOut: false, reason: 'stale' });
    expect(await testbed.query(`SELECT 1 FROM deliveries`)).toHaveLength(0);
  });

  it('stays quiet for a publication that a withdrawal seen earlier postdates', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const article = publishedArticle({ publishedAt: new Date(Date.now() - 60_000) });
    await testbed.get(WithdrawAlertsUseCase).execute(WithdrawAlertsCommand.create({ articleId: article.articleId, withdrawnAt: new Date(), removal: 'unpublished' }));
    expect(await fanOut.execute(FanOutAlertsCommand.create(article))).toMatchObject({ fannedOut: false, reason: 'withdrawn' });
    expect(await deliveriesOf(testbed, article.articleId)).toHaveLength(0);
  });

  it('alerts again after a republication, but never anyone who was alerted already', async () => {
    await emailSubscriber(testbed, 'early@example.com', { sections: ['politics'] });
    const article = publishedArticle({ publishedAt: new Date(Date.now() - 60_000) });
    await fanOut.execute(FanOutAlertsCommand.create(article));
    await testbed.get(WithdrawAlertsUseCase).execute(WithdrawAlertsCommand.create({ articleId: article.articleId, withdrawnAt: new Date(Date.now() - 30_000), removal: 'unpublished' }));
    await emailSubscriber(testbed, 'late@example.com', { sections: ['politics'] });

    const again = await fanOut.execute(FanOutAlertsCommand.create({ ...article, revision: 2, publishedAt: new Date() }));

    expect(again).toEqual({ fannedOut: true, queued: { email: 1, push: 0 } });
    expect((await deliveriesOf(testbed, article.articleId)).map((row) => row.status)).toEqual(['cancelled', 'pending']);
  });

  it('alerts each recipient once even when two runs for a new article race (the unique key decides)', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const article = publishedArticle();
    const results = await Promise.all([fanOut.execute(FanOutAlertsCommand.create(article)), fanOut.execute(FanOutAlertsCommand.create(article))]);
    expect(results.reduce((sum, result) => sum + result.queued.email, 0)).toBe(1);
    expect(await deliveriesOf(testbed, article.articleId)).toHaveLength(1);
  });

  it('refuses an article URL that is not on the public site, storing nothing: ALERT.OFF_SITE_URL', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const forged = publishedArticle({ url: 'https://evil.example/phish', priority: 'breaking' });
    expect(await errorCodeOf(() => fanOut.execute(FanOutAlertsCommand.create(forged)))).toBe('ALERT.OFF_SITE_URL');
    expect(await testbed.query(`SELECT 1 FROM article_alerts`)).toHaveLength(0);
    expect(await testbed.query(`SELECT 1 FROM deliveries`)).toHaveLength(0);
  });

  it('refuses a command that is not one: COMMAND.INVALID', async () => {
    expect(await errorCodeOf(() => publish({ revision: 0 }))).toBe('COMMAND.INVALID');
    expect(await errorCodeOf(() => publish({ articleId: 'not-a-uuid' }))).toBe('COMMAND.INVALID');
  });

  it('records no outbound events: notifications publishes none', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    await publish();
    expect(await testbed.recordedEvents()).toEqual([]);
  });
});
