import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { eventually, UseCaseTestbed } from '@newsroom/test-harness';
import { deliveriesOf, emailSubscriber, publishedArticle, pushSubscriber } from '../../../test/fixtures';
import { fakesOf, notificationsTestbed, resetNotifications, testNotificationsConfig } from '../../../test/notifications-testbed';
import type { ScriptedAlertChannels } from '../../../test/scripted-alert-channels';
import { parseDeliveryRateLimits } from '../../config/delivery-rate-limits';
import type { NotificationsConfig } from '../../config/notifications.config';
import { takeAllowance } from '../domain/destination-limits';
import { DeliveryRepository } from '../persistence/delivery.repository';
import { DeliverAlertUseCase } from '../use-cases/deliver-alert/deliver-alert.use-case';
import { FanOutAlertsCommand } from '../use-cases/fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase } from '../use-cases/fan-out-alerts/fan-out-alerts.use-case';
import { DeliveryWorker } from './delivery-worker';

/** Per-destination rate limits (DELIVERY_RATE_LIMITS), shared by every worker through PostgreSQL. */
describe(`${DeliveryWorker.name} under DELIVERY_RATE_LIMITS`, () => {
  const PER_SECOND = 5;
  let testbed: UseCaseTestbed;
  let channels: ScriptedAlertChannels;
  const workers: DeliveryWorker[] = [];

  function config(rateLimits: string): NotificationsConfig {
    return { ...testNotificationsConfig(), deliveryConcurrency: { email: 50, push: 50 }, deliveryRateLimits: parseDeliveryRateLimits(rateLimits) };
  }
  /** A worker as a replica starts one, with DELIVERY_RATE_LIMITS=`rateLimits`. */
  function startWorker(rateLimits: string): DeliveryWorker {
    const worker = new DeliveryWorker(testbed.get(DataSource), testbed.get(DeliveryRepository), testbed.get(DeliverAlertUseCase), config(rateLimits));
    worker.onApplicationBootstrap();
    workers.push(worker);
    return worker;
  }
  const publish = async (overrides: Parameters<typeof publishedArticle>[0] = {}) => {
    const article = publishedArticle(overrides);
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    return article.articleId;
  };
  const allSent = async (articleId: string) => (await deliveriesOf(testbed, articleId)).every((row) => row.status === 'sent') || undefined;
  /** Claims per one-second window of the database's clock (claimed_at is inside the window a claim was counted in). */
  const claimsPerSecond = (articleId: string) =>
    testbed.query<{ second: string; n: number }>(
      `SELECT date_trunc('second', claimed_at)::text AS second, count(*)::int AS n FROM deliveries WHERE article_id = $1 GROUP BY 1 ORDER BY 1`,
      [articleId],
    );

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_worker_limits'));
    channels = fakesOf(testbed).channels;
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(async () => {
    await resetNotifications(testbed);
    await testbed.query(`DELETE FROM delivery_destinations`);
  });
  afterEach(() => Promise.all(workers.splice(0).map((worker) => worker.beforeApplicationShutdown())));

  /**
   * Alerts 3 × PER_SECOND e-mail subscribers with `workers` workers under `email=PER_SECOND/s`,
   * waits until all are sent, and checks they took at least three windows, none over the limit.
   */
  async function alertUnderEmailLimit(workers: number): Promise<string> {
    for (let i = 0; i < 3 * PER_SECOND; i += 1) await emailSubscriber(testbed, `r${i}@example.com`, { sections: ['politics'] });
    for (let i = 0; i < workers; i += 1) startWorker(`email=${PER_SECOND}/s`);
    const articleId = await publish();
    await eventually('every alert sent', () => allSent(articleId));
    const windows = await claimsPerSecond(articleId);
    expect(windows.length).toBeGreaterThanOrEqual(3);
    expect(windows.filter((window) => window.n > PER_SECOND)).toEqual([]);
    return articleId;
  }

  it(`sends ${3 * PER_SECOND} e-mails at ${PER_SECOND}/s over at least three windows, never more than ${PER_SECOND} in one, spending no attempt on the wait`, async () => {
    const articleId = await alertUnderEmailLimit(1);
    expect(channels.sent).toHaveLength(3 * PER_SECOND);
    expect((await deliveriesOf(testbed, articleId)).map((row) => row.attempts)).toEqual(Array(3 * PER_SECOND).fill(1));
    expect(await testbed.query(`SELECT count(*)::int AS attempts FROM delivery_attempts`)).toEqual([{ attempts: 3 * PER_SECOND }]);
  });

  it('shares one allowance between two workers', async () => {
    await alertUnderEmailLimit(2);
    const addresses = channels.sent.map((sent) => sent.to);
    expect(new Set(addresses).size).toBe(3 * PER_SECOND);
    expect(addresses).toHaveLength(3 * PER_SECOND);
  });

  it("pauses a push service that answered 429 with Retry-After for the other worker too, until the time it gave", async () => {
    await pushSubscriber(testbed, { sections: ['climate'] });
    for (let i = 0; i < 3; i += 1) await pushSubscriber(testbed, { sections: ['politics'] });
    channels.answerNext({ ok: false, failure: { transient: true, responseCode: 429, message: 'push service answered 429', retryAfterMs: 2_000 } });
    const first = startWorker('*=1000/s');
    const throttledArticle = await publish({ section: 'climate', tags: [] });
    const [paused] = await eventually('the push service paused', async () => {
      const rows = await testbed.query<{ destination: string; paused_until: Date }>(`SELECT destination, paused_until FROM delivery_destinations WHERE paused_until IS NOT NULL`);
      return rows.length > 0 ? rows : undefined;
    });
    const [throttled] = await testbed.query<{ finished_at: Date; outcome: string; response_code: number }>(
      `SELECT a.finished_at, a.outcome, a.response_code FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.article_id = $1`,
      [throttledArticle],
    );
    expect(paused.destination).toBe('push.example.test');
    expect(throttled).toMatchObject({ outcome: 'retry', response_code: 429 });
    expect(paused.paused_until.getTime()).toBeGreaterThanOrEqual(throttled.finished_at.getTime() + 1_500);
    await first.beforeApplicationShutdown();

    startWorker('*=1000/s');
    const articleId = await publish();

    await eventually('the other alerts sent once the pause is over', () => allSent(articleId));
    const [{ first_claim }] = await testbed.query<{ first_claim: Date }>(`SELECT min(claimed_at) AS first_claim FROM deliveries WHERE article_id = $1`, [articleId]);
    expect(first_claim.getTime()).toBeGreaterThanOrEqual(paused.paused_until.getTime());
    expect((await deliveriesOf(testbed, articleId)).map((row) => row.attempts)).toEqual([1, 1, 1]);
    // The throttled delivery itself waits for the retry policy, as any 429 did before.
    expect((await deliveriesOf(testbed, throttledArticle)).map((row) => [row.status, row.attempts])).toEqual([['pending', 1]]);
  });

  it('claims as before with no limits set: nothing is written to the allowance table, not even for a 429', async () => {
    for (let i = 0; i < 8; i += 1) await pushSubscriber(testbed, { sections: ['politics'] });
    channels.answerNext({ ok: false, failure: { transient: true, responseCode: 429, message: 'push service answered 429', retryAfterMs: 60_000 } });
    startWorker('');
    const articleId = await publish();

    await eventually('all but the throttled alert sent', async () => (await deliveriesOf(testbed, articleId)).filter((row) => row.status === 'sent').length === 7 || undefined);
    expect(await testbed.query(`SELECT * FROM delivery_destinations`)).toEqual([]);
  });

  it('takes each destination its own allowance in one claim, breaking alerts first, as takeAllowance reckons', async () => {
    const fcm = () => `https://fcm.googleapis.com/fcm/send/${randomUUID()}`;
    for (let i = 0; i < 4; i += 1) await pushSubscriber(testbed, { sections: ['politics'] }, fcm());
    for (let i = 0; i < 3; i += 1) await pushSubscriber(testbed, { sections: ['politics'] });
    const normal = await publish({ headline: 'Budget hearing moves to Tuesday' });
    const breaking = await publish({ headline: 'Bridge closed after ship strike', priority: 'breaking' });
    const rules = [
      { pattern: 'fcm.googleapis.com', count: 3, periodSeconds: 60 },
      { pattern: '*', count: 2, periodSeconds: 60 },
    ];
    const repository = testbed.get(DeliveryRepository);
    // Windows are whole minutes of the clock: the claims below must fall in one of them, or the
    // second would find a fresh allowance. Start clear of a minute's end.
    const untilNextWindow = 60_000 - (Date.now() % 60_000);
    if (untilNextWindow < 15_000) await new Promise((resolve) => setTimeout(resolve, untilNextWindow + 50));
    const claimedAt = Date.now();

    const { claimed, heldBack } = await repository.claimLaneWithin(randomUUID(), 'push', 100, rules, []);

    const count = (destination: string, articleId?: string) => claimed.filter((d) => d.destination === destination && (!articleId || d.articleId === articleId)).length;
    expect([count('fcm.googleapis.com'), count('push.example.test')]).toEqual([takeAllowance(null, 8, { count: 3, periodSeconds: 60 }, claimedAt).granted, 2]);
    // Breaking first within each destination's allowance.
    expect([count('fcm.googleapis.com', breaking), count('push.example.test', breaking)]).toEqual([3, 2]);
    expect(count('fcm.googleapis.com', normal) + count('push.example.test', normal)).toBe(0);
    expect(heldBack.map(({ destination, held }) => ({ destination, held })).sort((a, b) => a.destination.localeCompare(b.destination))).toEqual([
      { destination: 'fcm.googleapis.com', held: 5 },
      { destination: 'push.example.test', held: 4 },
    ]);
    // Room again when the claim's window ends: the next whole minute after the claim.
    for (const entry of heldBack) expect(entry.roomAt.getTime()).toBe(claimedAt - (claimedAt % 60_000) + 60_000);
    // Held back means untouched: still pending, no attempt counted.
    const pending = await testbed.query<{ attempts: number; claimed_by: string | null }>(`SELECT attempts, claimed_by FROM deliveries WHERE status = 'pending'`);
    expect(pending).toHaveLength(9);
    expect(pending.every((row) => row.attempts === 0 && row.claimed_by === null)).toBe(true);

    // The window is spent: another claim, by any worker, gets nothing; a destination already known to be full is not even looked at.
    expect((await repository.claimLaneWithin(randomUUID(), 'push', 100, rules, [])).claimed).toEqual([]);
    const skipping = await repository.claimLaneWithin(randomUUID(), 'push', 100, rules, ['fcm.googleapis.com', 'push.example.test']);
    expect(skipping).toEqual({ claimed: [], heldBack: [] });
    // It may wait up to 15 s for a fresh window before it starts.
  }, 45_000);
});
