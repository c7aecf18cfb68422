import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BackgroundLoop, schemaOf, urlOf } from '@newsroom/persistence';
import { eventually, UseCaseTestbed } from '@newsroom/test-harness';
import { deliveriesOf, emailSubscriber, publishedArticle, pushSubscriber } from '../../../test/fixtures';
import { fakesOf, notificationsTestbed, resetNotifications } from '../../../test/notifications-testbed';
import type { ScriptedAlertChannels } from '../../../test/scripted-alert-channels';
import { DeliveryRepository } from '../persistence/delivery.repository';
import { DeliverAlertUseCase } from '../use-cases/deliver-alert/deliver-alert.use-case';
import { FanOutAlertsCommand } from '../use-cases/fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase } from '../use-cases/fan-out-alerts/fan-out-alerts.use-case';
import { DELIVERY_CONCURRENCY, DeliveryWorker, POLL_INTERVAL_MS, readAheadOf } from './delivery-worker';

/** What a lane without rate rules holds claimed at most: its sends at once and as many ready. */
const HELD = DELIVERY_CONCURRENCY + readAheadOf(DELIVERY_CONCURRENCY, false);

describe(DeliveryWorker.name, () => {
  let testbed: UseCaseTestbed;
  let channels: ScriptedAlertChannels;
  const workers: DeliveryWorker[] = [];

  /** A worker as a replica starts one: its own id and lease, a sweep in its first round. */
  function startWorker(): DeliveryWorker {
    const worker = new DeliveryWorker(testbed.get(DataSource), testbed.get(DeliveryRepository), testbed.get(DeliverAlertUseCase));
    worker.onApplicationBootstrap();
    workers.push(worker);
    return worker;
  }
  const publish = async () => {
    const article = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    return article.articleId;
  };
  /** Holds every send in the middle until `release()`; `entered` counts the sends held. */
  const holdSends = () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = { entered: 0, release: () => release() };
    channels.whileSending = async () => {
      held.entered += 1;
      await gate;
    };
    return held;
  };
  /**
   * `recipients` e-mail subscribers, a worker and a published article whose sends each wait for
   * a release of their own (`releases`, in the order the sends started); resolves once the
   * first DELIVERY_CONCURRENCY are under way.
   */
  const sendsReleasedOneByOne = async (recipients: number, prefix: string) => {
    for (let i = 0; i < recipients; i += 1) await emailSubscriber(testbed, `${prefix}${i}@example.com`, { sections: ['politics'] });
    const releases: (() => void)[] = [];
    channels.whileSending = () => new Promise<void>((resolve) => releases.push(resolve));
    startWorker();
    const articleId = await publish();
    await eventually(`${DELIVERY_CONCURRENCY} sends in flight`, () => releases.length === DELIVERY_CONCURRENCY);
    return { articleId, releases };
  };
  const statusesOf = async (articleId: string) => (await deliveriesOf(testbed, articleId)).map((row) => row.status);

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_worker'));
    channels = fakesOf(testbed).channels;
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => resetNotifications(testbed));
  // Stopped before the next reset: a worker must not send while the tables are emptied.
  afterEach(() => Promise.all(workers.splice(0).map((worker) => worker.beforeApplicationShutdown())));

  it('sends what a fan-out queued', async () => {
    startWorker();
    await emailSubscriber(testbed, 'a@example.com', { sections: ['politics'] });
    await emailSubscriber(testbed, 'b@example.com', { sections: ['politics'] });
    const articleId = await publish();

    await eventually('both alerts sent', async () => (await statusesOf(articleId)).every((status) => status === 'sent') || undefined);
    expect(channels.sent.map((sent) => sent.to).sort()).toEqual(['a@example.com', 'b@example.com']);
  });

  it('re-sends, logging the unknown attempt, what a worker that is gone left sending; leaves a live worker\'s alone', async () => {
    await emailSubscriber(testbed, 'gone@example.com', { sections: ['politics'] });
    await emailSubscriber(testbed, 'live@example.com', { sections: ['politics'] });
    const articleId = await publish();
    const [goneDelivery, liveDelivery] = (await deliveriesOf(testbed, articleId)).map((row) => row.id);
    const goneWorker = randomUUID();
    const liveWorker = randomUUID();
    await testbed.query(`UPDATE deliveries SET status = 'sending', attempts = 1, claimed_by = $2, claimed_at = now() WHERE id = $1`, [goneDelivery, goneWorker]);
    await testbed.query(`UPDATE deliveries SET status = 'sending', attempts = 1, claimed_by = $2, claimed_at = now() WHERE id = $1`, [liveDelivery, liveWorker]);
    const dataSource = testbed.get(DataSource);
    const liveLease = new BackgroundLoop({
      name: 'delivery-worker',
      url: urlOf(dataSource),
      schema: schemaOf(dataSource),
      lease: { kind: 'member', id: liveWorker },
      pollIntervalMs: 60_000,
      round: () => Promise.resolve('idle'),
    });
    liveLease.start();
    try {
      await eventually('the live worker to hold its lease', () => liveLease.isActive);
      startWorker();

      await eventually('the gone worker\'s delivery re-sent', async () => (await statusesOf(articleId))[0] === 'sent' || undefined);
      expect(await statusesOf(articleId)).toEqual(['sent', 'sending']);
      const [goneRecipient] = await testbed.query<{ email: string }>(`SELECT s.email FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id WHERE d.id = $1`, [goneDelivery]);
      expect(channels.sent.map((sent) => sent.to)).toEqual([goneRecipient.email]);
      expect(await testbed.query(`SELECT attempt, outcome, error LIKE '%re-sent%' AS resent FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id`, [goneDelivery])).toEqual([
        { attempt: 1, outcome: 'unknown', resent: true },
        { attempt: 2, outcome: 'sent', resent: null },
      ]);
    } finally {
      await liveLease.stop();
    }
  });

  it(`sends at most ${DELIVERY_CONCURRENCY} alerts at once, holds as many more claimed ready, and sends the rest as they finish`, async () => {
    const recipients = HELD + 3;
    for (let i = 0; i < recipients; i += 1) await emailSubscriber(testbed, `r${i}@example.com`, { sections: ['politics'] });
    const held = holdSends();
    startWorker();
    const articleId = await publish();

    await eventually(`${DELIVERY_CONCURRENCY} sends in flight`, () => held.entered === DELIVERY_CONCURRENCY);
    await eventually(`${HELD} deliveries claimed`, async () => (await statusesOf(articleId)).filter((status) => status === 'sending').length === HELD || undefined);
    const statuses = await statusesOf(articleId);
    expect(statuses.filter((status) => status === 'pending')).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held.entered).toBe(DELIVERY_CONCURRENCY);

    held.release();
    await eventually('every alert sent', async () => (await statusesOf(articleId)).every((status) => status === 'sent') || undefined);
    expect(channels.sent).toHaveLength(recipients);
  });

  it('starts the next claimed delivery as a send finishes, and refills what it holds as outcomes are stored, never holding more', async () => {
    const recipients = 2 * HELD + 1;
    const { articleId, releases } = await sendsReleasedOneByOne(recipients, 'q');

    // One slot freed at a time: the next send starts from what the lane holds, and the outcome's own statement claims one more.
    for (let released = 1; released <= recipients - DELIVERY_CONCURRENCY; released += 1) {
      releases[released - 1]();
      await eventually(`send ${DELIVERY_CONCURRENCY + released} to start`, () => releases.length === DELIVERY_CONCURRENCY + released);
      await eventually(`${released} sent`, async () => (await statusesOf(articleId)).filter((status) => status === 'sent').length === released || undefined);
      const statuses = await statusesOf(articleId);
      expect(statuses.filter((status) => status === 'sending').length).toBe(Math.min(HELD, recipients - released));
    }
    for (const release of releases) release();
    await eventually('every alert sent', async () => (await statusesOf(articleId)).every((status) => status === 'sent') || undefined);
    expect(channels.sent).toHaveLength(recipients);
  });

  it('does not hold a freed slot while the outcome waits to be stored', async () => {
    const recipients = DELIVERY_CONCURRENCY + 1;
    const { articleId, releases } = await sendsReleasedOneByOne(recipients, 'w');

    // Another transaction holds every claimed row, so no outcome can be stored until it ends.
    const blocker = testbed.get(DataSource).createQueryRunner();
    await blocker.connect();
    try {
      await blocker.startTransaction();
      await blocker.query(`SELECT id FROM deliveries WHERE status = 'sending' FOR UPDATE`);
      releases[0]();
      await eventually('the claimed delivery to start while the first outcome waits', () => releases.length === recipients);
      expect(await statusesOf(articleId)).not.toContain('sent');
    } finally {
      await blocker.commitTransaction().catch(() => undefined);
      await blocker.release();
    }
    for (const release of releases) release();
    await eventually('every alert sent', async () => (await statusesOf(articleId)).every((status) => status === 'sent') || undefined);
    expect(channels.sent).toHaveLength(recipients);
  });

  it('does not ask again for a lane that found nothing due at every send the other lane finishes, and sends what a later fan-out queues for it', async () => {
    const recipients = 3 * HELD;
    const { articleId, releases } = await sendsReleasedOneByOne(recipients, 'd');
    const claims = jest.spyOn(testbed.get(DeliveryRepository), 'claimLane');
    try {
      const startedAt = Date.now();
      // E-mails finish one at a time: each finished send wakes the worker, which has nothing to push.
      for (let released = 0; released < recipients; released += 1) {
        releases[released]();
        await eventually(`${released + 1} sent`, async () => (await statusesOf(articleId)).filter((status) => status === 'sent').length === released + 1 || undefined);
      }
      const elapsedMs = Date.now() - startedAt;
      const pushClaims = () => claims.mock.calls.filter(([, channel]) => channel === 'push').length;
      // At most one empty claim per poll interval, not one per wake-up (there were `recipients` of those).
      expect(pushClaims()).toBeLessThanOrEqual(1 + Math.ceil(elapsedMs / POLL_INTERVAL_MS));
      expect(recipients).toBeGreaterThan(2 + Math.ceil(elapsedMs / POLL_INTERVAL_MS));

      // New work for the idle lane: the fan-out's NOTIFY wakes it, and the push goes out.
      channels.whileSending = undefined;
      await pushSubscriber(testbed, { sections: ['politics'] });
      const nextArticle = await publish();
      await eventually('the push of the next story sent', async () => (await deliveriesOf(testbed, nextArticle)).some((row) => row.channel === 'push' && row.status === 'sent') || undefined, { timeoutMs: 10_000 });
    } finally {
      claims.mockRestore();
    }
  });

  it('gives e-mail and push their own slots: pushes go out while e-mails fill theirs', async () => {
    for (let i = 0; i < DELIVERY_CONCURRENCY + 2; i += 1) await emailSubscriber(testbed, `e${i}@example.com`, { sections: ['politics'] });
    for (let i = 0; i < DELIVERY_CONCURRENCY + 2; i += 1) await pushSubscriber(testbed, { sections: ['politics'] });
    const held = holdSends();
    startWorker();
    const articleId = await publish();

    // Either lane alone sends at most DELIVERY_CONCURRENCY at once.
    await eventually('both lanes full', () => held.entered === 2 * DELIVERY_CONCURRENCY);
    const rows = await deliveriesOf(testbed, articleId);
    const sending = (channel: string) => rows.filter((row) => row.channel === channel && row.status === 'sending').length;
    expect([sending('email'), sending('push')]).toEqual([DELIVERY_CONCURRENCY + 2, DELIVERY_CONCURRENCY + 2]);

    held.release();
    await eventually('every alert sent', async () => (await statusesOf(articleId)).every((status) => status === 'sent') || undefined);
  });

  it('claims breaking alerts before others queued earlier, with their text and recipient', async () => {
    await emailSubscriber(testbed, 'reader@example.com', { sections: ['politics'] });
    const normal = publishedArticle({ headline: 'Budget hearing moves to Tuesday' });
    const breaking = publishedArticle({ headline: 'Bridge closed after ship strike', priority: 'breaking' });
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(normal));
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(breaking));

    const claimed = await testbed.get(DeliveryRepository).claimLane(randomUUID(), 'email', 2);

    expect(claimed.map((delivery) => [delivery.alert.headline, delivery.email?.email, delivery.attempt])).toEqual([
      ['Bridge closed after ship strike', 'reader@example.com', 1],
      ['Budget hearing moves to Tuesday', 'reader@example.com', 1],
    ]);
  });

  it('lets sends in flight, and the deliveries claimed ready for them, finish and be recorded when it stops; claims nothing more', async () => {
    const recipients = HELD + 2;
    for (let i = 0; i < recipients; i += 1) await emailSubscriber(testbed, `s${i}@example.com`, { sections: ['politics'] });
    const held = holdSends();
    const worker = startWorker();
    const articleId = await publish();
    await eventually(`${DELIVERY_CONCURRENCY} sends in flight`, () => held.entered === DELIVERY_CONCURRENCY);
    await eventually(`${HELD} deliveries claimed`, async () => (await statusesOf(articleId)).filter((status) => status === 'sending').length === HELD || undefined);

    const stopped = worker.beforeApplicationShutdown();
    held.release();
    await stopped;

    const statuses = await statusesOf(articleId);
    expect(statuses.filter((status) => status === 'sent')).toHaveLength(HELD);
    expect(statuses.filter((status) => status === 'pending')).toHaveLength(2);
  });

  it('sends each alert once when two workers run side by side', async () => {
    for (let i = 0; i < 12; i += 1) await emailSubscriber(testbed, `r${i}@example.com`, { sections: ['politics'] });
    startWorker();
    startWorker();
    const articleId = await publish();

    await eventually('every alert sent', async () => (await statusesOf(articleId)).every((status) => status === 'sent') || undefined);
    const addresses = channels.sent.map((sent) => sent.to);
    expect(addresses).toHaveLength(12);
    expect(new Set(addresses).size).toBe(12);
  });
});
