import { UseCaseTestbed } from '@newsroom/test-harness';
import { browserSubscription, deliveriesOf, emailSubscriber, errorCodeOf, publishedArticle, pushSubscriber } from '../../../../test/fixtures';
import { fakesOf, notificationsTestbed, resetNotifications } from '../../../../test/notifications-testbed';
import { failure, type ScriptedAlertChannels } from '../../../../test/scripted-alert-channels';
import { DEFAULT_DESTINATION_PAUSE_MS } from '../../domain/destination-limits';
import { MAX_DELIVERY_ATTEMPTS } from '../../domain/retry-policy';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { FanOutAlertsCommand } from '../fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase } from '../fan-out-alerts/fan-out-alerts.use-case';
import { DeliverAlertCommand } from './deliver-alert.command';
import { DeliverAlertUseCase } from './deliver-alert.use-case';
import { ReplacePushEndpointCommand } from '../../../subscriptions/use-cases/replace-push-endpoint/replace-push-endpoint.command';
import { ReplacePushEndpointUseCase } from '../../../subscriptions/use-cases/replace-push-endpoint/replace-push-endpoint.use-case';
import { SubscribePushCommand } from '../../../subscriptions/use-cases/subscribe-push/subscribe-push.command';
import { SubscribePushUseCase } from '../../../subscriptions/use-cases/subscribe-push/subscribe-push.use-case';

const WORKER = '00000000-0000-4000-8000-00000000000a';
const OTHER_WORKER = '00000000-0000-4000-8000-00000000000b';

describe(DeliverAlertUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let deliver: DeliverAlertUseCase;
  let channels: ScriptedAlertChannels;

  /** Publishes an article followed by the recipients set up before, and claims its deliveries for WORKER. */
  async function claimedDeliveries(overrides: Parameters<typeof publishedArticle>[0] = {}): Promise<{ articleId: string; ids: string[] }> {
    const article = publishedArticle(overrides);
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(article));
    return { articleId: article.articleId, ids: await testbed.get(DeliveryRepository).claimDue(WORKER, 10) };
  }
  const run = (deliveryId: string, workerId = WORKER) => deliver.execute(DeliverAlertCommand.create({ deliveryId, workerId }));
  const delivery = async (id: string) => (await testbed.query(`SELECT * FROM deliveries WHERE id = $1`, [id]))[0];
  const attempts = (id: string) => testbed.query(`SELECT attempt, outcome, error, response_code FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id`, [id]);

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_deliver'));
    deliver = testbed.get(DeliverAlertUseCase);
    channels = fakesOf(testbed).channels;
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => resetNotifications(testbed));

  it('sends an email alert and records it as sent, with its attempt', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const { ids } = await claimedDeliveries({ headline: 'Crane ban approved' });

    expect(await run(ids[0])).toEqual({ status: 'sent', responseCode: 250 });

    expect(channels.sent).toEqual([{ channel: 'email', to: 'follower@example.com', alert: expect.objectContaining({ headline: 'Crane ban approved' }) }]);
    expect(await delivery(ids[0])).toMatchObject({ status: 'sent', attempts: 1, last_response_code: 250, last_error: null });
    expect(await attempts(ids[0])).toEqual([{ attempt: 1, outcome: 'sent', error: null, response_code: 250 }]);
  });

  it('retries a transient failure later, with an attempt row saying why', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const { ids } = await claimedDeliveries();
    channels.answerNext(failure(true, 451, '451 mailbox busy'));
    const before = Date.now();

    // 451 is also the relay's "slow down": the worker pauses e-mail when DELIVERY_RATE_LIMITS limits it.
    expect(await run(ids[0])).toEqual({ status: 'pending', responseCode: 451, pauseMs: DEFAULT_DESTINATION_PAUSE_MS });

    const row = await delivery(ids[0]);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, claimed_by: null, last_error: '451 mailbox busy' });
    expect((row.next_attempt_at as Date).getTime()).toBeGreaterThanOrEqual(before + 30_000);
    expect(await attempts(ids[0])).toEqual([{ attempt: 1, outcome: 'retry', error: '451 mailbox busy', response_code: 451 }]);
  });

  it('gives up on a permanent failure, and on a transient one at the last attempt', async () => {
    await emailSubscriber(testbed, 'a@example.com', { sections: ['politics'] });
    const first = await claimedDeliveries();
    channels.answerNext(failure(false, 550, '550 no such user'));
    expect(await run(first.ids[0])).toEqual({ status: 'failed', responseCode: 550 });

    const last = await claimedDeliveries();
    await testbed.query(`UPDATE deliveries SET attempts = $2 WHERE id = $1`, [last.ids[0], MAX_DELIVERY_ATTEMPTS]);
    channels.answerNext(failure(true, 451, '451 still busy'));
    expect(await run(last.ids[0])).toEqual({ status: 'failed', responseCode: 451, pauseMs: DEFAULT_DESTINATION_PAUSE_MS });
  });

  it('ends a push subscription the push service says is gone, and cancels its other pending alerts', async () => {
    const browser = await pushSubscriber(testbed, { sections: ['politics'] });
    const gone = await claimedDeliveries();
    const waiting = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(waiting));
    channels.answerNext(failure(false, 410, 'push service answered 410', { recipientGone: true }));

    expect(await run(gone.ids[0])).toEqual({ status: 'failed', responseCode: 410 });

    const [subscription] = await testbed.query(`SELECT active, deactivated_reason FROM push_subscriptions WHERE id = $1`, [browser]);
    expect(subscription).toEqual({ active: false, deactivated_reason: 'push service answered 410' });
    expect(await deliveriesOf(testbed, waiting.articleId)).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });

  it('leaves a push subscription alone when its browser replaced the endpoint while the alert was on its way', async () => {
    const browser = browserSubscription({ sections: ['politics'] });
    const { id } = await testbed.get(SubscribePushUseCase).execute(SubscribePushCommand.create(browser));
    const gone = await claimedDeliveries();
    const waiting = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(waiting));
    const fresh = browserSubscription({});
    // The push service rotated the subscription: the old endpoint answers 410, and the browser has reported the new one meanwhile.
    channels.whileSending = async () => {
      await testbed.get(ReplacePushEndpointUseCase).execute(
        ReplacePushEndpointCommand.create({ oldEndpoint: browser.endpoint, oldAuth: browser.auth, endpoint: fresh.endpoint, p256dh: fresh.p256dh, auth: fresh.auth }),
      );
    };
    channels.answerNext(failure(false, 410, 'push service answered 410', { recipientGone: true }));

    // Not a failure of the reader's: the alert goes again, at once, and then to the new endpoint.
    expect(await run(gone.ids[0])).toEqual({ status: 'pending', responseCode: 410 });
    expect(await delivery(gone.ids[0])).toMatchObject({ status: 'pending', attempts: 1, last_response_code: 410 });
    expect(((await delivery(gone.ids[0])).next_attempt_at as Date).getTime()).toBeLessThanOrEqual(Date.now());

    const [subscription] = await testbed.query(`SELECT endpoint, active, deactivated_reason FROM push_subscriptions WHERE id = $1`, [id]);
    expect(subscription).toEqual({ endpoint: fresh.endpoint, active: true, deactivated_reason: null });
    expect(await deliveriesOf(testbed, waiting.articleId)).toEqual([expect.objectContaining({ status: 'pending' })]);

    channels.whileSending = undefined;
    const [again] = await testbed.get(DeliveryRepository).claimDue(WORKER, 10);
    expect(again).toBe(gone.ids[0]);
    expect(await run(again)).toEqual({ status: 'sent', responseCode: 201 });
    expect(channels.sent.map((sent) => sent.to)).toEqual([browser.endpoint, fresh.endpoint]);
  });

  it('marks an address the mail server refused for good bounced, and cancels its other pending alerts', async () => {
    const subscriber = await emailSubscriber(testbed, 'gone@example.com', { sections: ['politics'] });
    const bounced = await claimedDeliveries();
    const waiting = publishedArticle();
    await testbed.get(FanOutAlertsUseCase).execute(FanOutAlertsCommand.create(waiting));
    channels.answerNext(failure(false, 550, 'SMTP 550 5.1.1', { recipientGone: true }));

    expect(await run(bounced.ids[0])).toEqual({ status: 'failed', responseCode: 550 });

    expect(await testbed.query(`SELECT status, bounce_code, bounced_at IS NOT NULL AS bounced FROM subscribers WHERE id = $1`, [subscriber])).toEqual([
      { status: 'confirmed', bounce_code: 550, bounced: true },
    ]);
    expect(await attempts(bounced.ids[0])).toEqual([{ attempt: 1, outcome: 'failed', error: 'SMTP 550 5.1.1', response_code: 550 }]);
    expect(await testbed.query(`SELECT status, last_error FROM deliveries WHERE article_id = $1`, [waiting.articleId])).toEqual([
      { status: 'cancelled', last_error: 'address bounced: SMTP 550 5.1.1' },
    ]);
  });

  it('sends nothing to a subscriber who left after the fan-out, and does not count an attempt', async () => {
    const subscriber = await emailSubscriber(testbed, 'leaver@example.com', { sections: ['politics'] });
    const { ids } = await claimedDeliveries();
    await testbed.query(`UPDATE subscribers SET status = 'unsubscribed' WHERE id = $1`, [subscriber]);

    expect(await run(ids[0])).toEqual({ status: 'cancelled', reason: 'the subscriber is no longer subscribed' });

    expect(channels.sent).toEqual([]);
    expect(await delivery(ids[0])).toMatchObject({ status: 'cancelled', attempts: 0 });
  });

  it('sends nothing to an address that bounced after the fan-out', async () => {
    const subscriber = await emailSubscriber(testbed, 'bounced-later@example.com', { sections: ['politics'] });
    const { ids } = await claimedDeliveries();
    await testbed.query(`UPDATE subscribers SET bounced_at = now(), bounce_code = 550 WHERE id = $1`, [subscriber]);

    expect(await run(ids[0])).toEqual({ status: 'cancelled', reason: 'the subscriber is no longer subscribed' });
    expect(channels.sent).toEqual([]);
  });

  it('sends nothing for a delivery this worker does not hold', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const { ids } = await claimedDeliveries();
    expect(await run(ids[0], OTHER_WORKER)).toEqual({ status: 'not-claimed' });
    expect(channels.sent).toEqual([]);
    expect(await delivery(ids[0])).toMatchObject({ status: 'sending', claimed_by: WORKER });
  });

  it('records the true outcome of a send that another worker queued to re-send meanwhile (its worker looked gone)', async () => {
    await emailSubscriber(testbed, 'follower@example.com', { sections: ['politics'] });
    const { ids } = await claimedDeliveries();
    channels.whileSending = async () => {
      await testbed.get(DeliveryRepository).markAbandoned(WORKER, { maxResends: 3, maxAttempts: 5 }, { resent: 'looked gone', givenUp: 'looked gone' });
    };

    expect(await run(ids[0])).toMatchObject({ status: 'sent' });
    expect(await delivery(ids[0])).toMatchObject({ status: 'sent' });
    expect((await attempts(ids[0])).map((a) => a.outcome)).toEqual(['unknown', 'sent']);
  });

  it('refuses a command that is not one: COMMAND.INVALID', async () => {
    expect(await errorCodeOf(() => run('1; DROP TABLE deliveries'))).toBe('COMMAND.INVALID');
    expect(await errorCodeOf(() => run('1', 'not-a-worker'))).toBe('COMMAND.INVALID');
  });
});
