import { Client } from 'pg';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { deliveriesOf, emailSubscriber, errorCodeOf, publishedArticle, pushSubscriber } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { MAX_ALERT_AGE_MS } from '../../domain/article-alert';
import { fanOutsChannel } from '../../persistence/article-alert.repository';
import { deliveriesChannel } from '../../persistence/delivery.repository';
import { ExpandFanOutCommand } from '../expand-fan-out/expand-fan-out.command';
import { ExpandFanOutUseCase } from '../expand-fan-out/expand-fan-out.use-case';
import { WithdrawAlertsCommand } from '../withdraw-alerts/withdraw-alerts.command';
import { WithdrawAlertsUseCase } from '../withdraw-alerts/withdraw-alerts.use-case';
import { FanOutAlertsCommand } from './fan-out-alerts.command';
import { FanOutAlertsUseCase, FIRST_BATCH } from './fan-out-alerts.use-case';

/**
 * A session LISTENing on the workers' and the expanders' channels. `heard()` returns
 * the wake-ups delivered so far, after a NOTIFY of its own has come back: notifications
 * arrive in commit order, so everything committed before the call is in.
 */
async function wakeUps(url: string, schema: string): Promise<{ heard: () => Promise<string[]>; close: () => Promise<void> }> {
  const listener = new Client({ connectionString: url });
  await listener.connect();
  const names = new Map([
    [deliveriesChannel(schema), 'workers'],
    [fanOutsChannel(schema), 'expanders'],
  ]);
  const heard: string[] = [];
  let marker: (() => void) | undefined;
  listener.on('notification', (message) => (message.channel === 'spec_marker' ? marker?.() : heard.push(names.get(message.channel) ?? message.channel)));
  for (const channel of [...names.keys(), 'spec_marker']) await listener.query(`LISTEN "${channel}"`);
  return {
    heard: async () => {
      const back = new Promise<void>((resolve) => (marker = resolve));
      await listener.query(`NOTIFY spec_marker`);
      await back;
      return heard.splice(0);
    },
    close: () => listener.end(),
  };
}

describe(FanOutAlertsUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fanOut: FanOutAlertsUseCase;
  const publish = (overrides: Parameters<typeof publishedArticle>[0] = {}) => fanOut.execute(FanOutAlertsCommand.create(publishedArticle(overrides)));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_fan_out', [ExpandFanOutUseCase]));
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

  describe('a small audience in the consumer\'s transaction, a larger one through the job', () => {
    /** `count` confirmed followers of politics, inserted with SQL: the sign-up path is not what is tested here. */
    const followers = (count: number) =>
      testbed.query(
        `INSERT INTO subscribers (id, email, status, sections, confirmed_at)
         SELECT gen_random_uuid(), 'reader-' || n || '@example.com', 'confirmed', ARRAY['politics'], now() FROM generate_series(1, $1) AS n`,
        [count],
      );
    const expandAll = async () => {
      while (await testbed.get(ExpandFanOutUseCase).execute(ExpandFanOutCommand.create({ batchSize: 500 })));
    };
    const perRecipient = async (articleId: string) =>
      (
        await testbed.query<{ n: number; recipients: number }>(
          `SELECT count(*)::int AS n, count(DISTINCT (channel, recipient_id))::int AS recipients FROM deliveries WHERE article_id = $1`,
          [articleId],
        )
      )[0];
    let listener: Awaited<ReturnType<typeof wakeUps>>;

    beforeEach(async () => {
      listener = await wakeUps(testbed.db.url, testbed.schema);
    });
    afterEach(() => listener.close());

    it('queues a small audience at once, records no job and wakes only the workers, once, on commit', async () => {
      await followers(3);
      await pushSubscriber(testbed, { sections: ['politics'] });
      const article = publishedArticle();

      expect(await fanOut.execute(FanOutAlertsCommand.create(article))).toEqual({ fannedOut: true, queued: { email: 3, push: 1 } });

      expect(await listener.heard()).toEqual(['workers']);
      expect(await testbed.query(`SELECT 1 FROM fan_outs`)).toHaveLength(0);
      expect(await perRecipient(article.articleId)).toEqual({ n: 4, recipients: 4 });
      const [trace] = await testbed.query<{ fan_out_traceparent: string | null }>(`SELECT fan_out_traceparent FROM article_alerts WHERE article_id = $1`, [article.articleId]);
      expect(trace.fan_out_traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    });

    it('wakes nobody when nobody follows the story', async () => {
      expect(await publish()).toEqual({ fannedOut: true, queued: { email: 0, push: 0 } });
      expect(await listener.heard()).toEqual([]);
    });

    it('sends an audience one over the first batch through the job: the first batch at once, the last follower by the expander, each once', async () => {
      await followers(FIRST_BATCH + 1);
      const article = publishedArticle();

      expect(await fanOut.execute(FanOutAlertsCommand.create(article))).toEqual({ fannedOut: true, queued: { email: FIRST_BATCH, push: 0 } });

      expect((await listener.heard()).sort()).toEqual(['expanders', 'workers']);
      expect(await testbed.query(`SELECT channel, queued, done_at IS NULL AS open FROM fan_outs WHERE article_id = $1`, [article.articleId])).toEqual([
        { channel: 'email', queued: FIRST_BATCH, open: true },
      ]);
      await expandAll();
      expect(await perRecipient(article.articleId)).toEqual({ n: FIRST_BATCH + 1, recipients: FIRST_BATCH + 1 });
    });

    it('leaves nothing behind when the transaction fails after the first batch, and the redelivered event alerts each follower once', async () => {
      await followers(FIRST_BATCH + 1);
      const article = publishedArticle();
      const crash = new Error('the process stopped before the commit');

      // The consumer's inbox transaction around the use case, failing after it as a crash would.
      await expect(
        testbed.unitOfWork.run(async () => {
          await fanOut.execute(FanOutAlertsCommand.create(article));
          throw crash;
        }),
      ).rejects.toBe(crash);

      expect(await listener.heard()).toEqual([]);
      expect(await deliveriesOf(testbed, article.articleId)).toHaveLength(0);
      expect(await testbed.query(`SELECT 1 FROM fan_outs`)).toHaveLength(0);

      expect(await fanOut.execute(FanOutAlertsCommand.create(article))).toMatchObject({ fannedOut: true, queued: { email: FIRST_BATCH } });
      await expandAll();
      expect(await perRecipient(article.articleId)).toEqual({ n: FIRST_BATCH + 1, recipients: FIRST_BATCH + 1 });
    });

    it('alerts each follower once when the expander stops mid-batch and the job is taken up again', async () => {
      await followers(FIRST_BATCH + 700);
      const article = publishedArticle();
      await fanOut.execute(FanOutAlertsCommand.create(article));
      const crash = new Error('the expander stopped before the commit');

      await expect(
        testbed.unitOfWork.run(async () => {
          await testbed.get(ExpandFanOutUseCase).execute(ExpandFanOutCommand.create({ batchSize: 500 }));
          throw crash;
        }),
      ).rejects.toBe(crash);
      expect(await testbed.query(`SELECT queued FROM fan_outs WHERE article_id = $1`, [article.articleId])).toEqual([{ queued: FIRST_BATCH }]);

      await expandAll();
      expect(await perRecipient(article.articleId)).toEqual({ n: FIRST_BATCH + 700, recipients: FIRST_BATCH + 700 });
    });
  });
});
