import { randomBytes, randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { browserSubscription, errorCodeOf } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import { SubscribePushCommand } from '../subscribe-push/subscribe-push.command';
import { SubscribePushUseCase } from '../subscribe-push/subscribe-push.use-case';
import { UnsubscribeCommand } from '../unsubscribe/unsubscribe.command';
import { UnsubscribeUseCase } from '../unsubscribe/unsubscribe.use-case';
import { ReplacePushEndpointCommand } from './replace-push-endpoint.command';
import { ReplacePushEndpointUseCase } from './replace-push-endpoint.use-case';

describe(ReplacePushEndpointUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let replace: ReplacePushEndpointUseCase;
  const row = async (id: string) =>
    (await testbed.query(`SELECT endpoint, p256dh, auth, sections, active, deactivated_reason, replaced_endpoint FROM push_subscriptions WHERE id = $1`, [id]))[0];
  const subscribe = (preferences = { sections: ['politics'] }) => {
    const browser = browserSubscription(preferences);
    return testbed.get(SubscribePushUseCase).execute(SubscribePushCommand.create(browser)).then((result) => ({ ...result, browser }));
  };
  /** The browser's report: its old endpoint and auth secret, and the new subscription. */
  const report = (old: { endpoint: string; auth: string }, fresh = browserSubscription({})) =>
    ReplacePushEndpointCommand.create({ oldEndpoint: old.endpoint, oldAuth: old.auth, endpoint: fresh.endpoint, p256dh: fresh.p256dh, auth: fresh.auth, expirationTime: null });
  const queueAlert = async (pushSubscriptionId: string) => {
    const articleId = randomUUID();
    await testbed.query(`INSERT INTO article_alerts (article_id, revision, headline, url, section, tags, priority, published_at) VALUES ($1, 1, 'Story', 'https://news.example/s', 'politics', '{}', 'normal', now())`, [
      articleId,
    ]);
    await testbed.query(`INSERT INTO deliveries (article_id, channel, push_subscription_id) VALUES ($1, 'push', $2)`, [articleId, pushSubscriptionId]);
  };

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_push_replace'));
    replace = testbed.get(ReplacePushEndpointUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('moves the subscription, its preferences, its links and its queued alerts to the new endpoint', async () => {
    const { id, browser } = await subscribe();
    await queueAlert(id);
    const fresh = browserSubscription({});

    const result = await replace.execute(report(browser, fresh));

    expect(result).toMatchObject({ id, outcome: 'replaced' });
    expect(testbed.get(SubscriberLinks).verify(result.token, 'manage')).toMatchObject({ recipientId: id, kind: 'push' });
    expect(await row(id)).toEqual({
      endpoint: fresh.endpoint,
      p256dh: fresh.p256dh,
      auth: fresh.auth,
      sections: ['politics'],
      active: true,
      deactivated_reason: null,
      replaced_endpoint: browser.endpoint,
    });
    expect(await testbed.query(`SELECT status FROM deliveries WHERE push_subscription_id = $1`, [id])).toEqual([{ status: 'pending' }]);
    expect(await testbed.query(`SELECT 1 FROM push_subscriptions`)).toHaveLength(1);
  });

  it('answers the same replacement reported again (worker and page, or a retry) without changing anything', async () => {
    const { id, browser } = await subscribe();
    const fresh = browserSubscription({});
    await replace.execute(report(browser, fresh));
    const before = await row(id);

    await expect(replace.execute(report(browser, fresh))).resolves.toMatchObject({ id, outcome: 'already' });
    expect(await row(id)).toEqual(before);
  });

  it('brings back a subscription the push service ended, as it does when the old endpoint answered 410 first', async () => {
    const { id, browser } = await subscribe();
    await testbed.query(`UPDATE push_subscriptions SET active = false, deactivated_at = now(), deactivated_reason = 'push service answered 410' WHERE id = $1`, [id]);

    await replace.execute(report(browser));

    expect(await row(id)).toMatchObject({ active: true, deactivated_reason: null });
  });

  it("queues again the alerts the old endpoint's 410 cost the reader, for live stories within the push TTL", async () => {
    const { id, browser } = await subscribe();
    /** A story published `ageMinutes` ago (withdrawn if asked) and this subscription's delivery of it, left as given. */
    const delivery = async (ageMinutes: number, status: string, lastError: string | null, code: number | null, withdrawn = false) => {
      const articleId = randomUUID();
      await testbed.query(
        `INSERT INTO article_alerts (article_id, revision, headline, url, section, tags, priority, published_at, withdrawn_at)
         VALUES ($1, 1, 'Story', 'https://news.example/s', 'politics', '{}', 'normal', now() - make_interval(mins => $2), CASE WHEN $3 THEN now() END)`,
        [articleId, ageMinutes, withdrawn],
      );
      await testbed.query(
        `INSERT INTO deliveries (article_id, channel, push_subscription_id, status, last_error, last_response_code, attempts, sent_at)
         VALUES ($1, 'push', $2, $3, $4, $5, CASE WHEN $3 = 'cancelled' THEN 0 ELSE 1 END, CASE WHEN $3 = 'sent' THEN now() END)`,
        [articleId, id, status, lastError, code],
      );
      return articleId;
    };
    const ended = 'push subscription ended: push service answered 410';
    const refused = await delivery(5, 'failed', 'push service answered 410', 410);
    const cancelledByTheEnd = await delivery(3, 'cancelled', ended, null);
    const killed = await delivery(3, 'cancelled', ended, null, true);
    const stale = await delivery(120, 'cancelled', ended, null);
    const cancelledOtherwise = await delivery(3, 'cancelled', 'preferences changed: no longer wanted as an alert', null);
    const sent = await delivery(10, 'sent', null, 201);
    await testbed.query(`UPDATE push_subscriptions SET active = false, deactivated_at = now(), deactivated_reason = 'push service answered 410' WHERE id = $1`, [id]);

    await replace.execute(report(browser));

    const statuses = Object.fromEntries(
      (await testbed.query(`SELECT article_id, status FROM deliveries WHERE push_subscription_id = $1`, [id])).map((row) => [row.article_id as string, row.status as string]),
    );
    expect(statuses).toEqual({
      [refused]: 'pending',
      [cancelledByTheEnd]: 'pending',
      [killed]: 'cancelled',
      [stale]: 'cancelled',
      [cancelledOtherwise]: 'cancelled',
      [sent]: 'sent',
    });
  });

  it('queues nothing again for a subscription that was active when the report came', async () => {
    const { id, browser } = await subscribe();
    const articleId = randomUUID();
    await testbed.query(`INSERT INTO article_alerts (article_id, revision, headline, url, section, tags, priority, published_at) VALUES ($1, 1, 'Story', 'https://news.example/s', 'politics', '{}', 'normal', now())`, [
      articleId,
    ]);
    await testbed.query(`INSERT INTO deliveries (article_id, channel, push_subscription_id, status, last_response_code, attempts) VALUES ($1, 'push', $2, 'failed', 410, 1)`, [articleId, id]);

    await replace.execute(report(browser));

    expect(await testbed.query(`SELECT status FROM deliveries WHERE push_subscription_id = $1`, [id])).toEqual([{ status: 'failed' }]);
  });

  it('refuses a wrong auth secret and an unknown endpoint alike, changing nothing', async () => {
    const { id, browser } = await subscribe();
    const before = await row(id);

    expect(await errorCodeOf(() => replace.execute(report({ endpoint: browser.endpoint, auth: randomBytes(16).toString('base64url') })))).toBe('PUSH.UNKNOWN_SUBSCRIPTION');
    expect(await errorCodeOf(() => replace.execute(report({ endpoint: 'https://push.example.test/send/unknown', auth: browser.auth })))).toBe('PUSH.UNKNOWN_SUBSCRIPTION');
    expect(await row(id)).toEqual(before);
  });

  it("keeps a reader's unsubscribe: a browser event does not start the alerts again", async () => {
    const { id, browser } = await subscribe();
    await testbed.get(UnsubscribeUseCase).execute(UnsubscribeCommand.create({ kind: 'push', recipientId: id }));

    expect(await errorCodeOf(() => replace.execute(report(browser)))).toBe('SUBSCRIBER.UNSUBSCRIBED');
    expect(await row(id)).toMatchObject({ endpoint: browser.endpoint, active: false, deactivated_reason: 'unsubscribed' });
  });

  it('answers a replacement reported again after the reader unsubscribed with SUBSCRIBER.UNSUBSCRIBED, not as alerts on', async () => {
    const { id, browser } = await subscribe();
    const fresh = browserSubscription({});
    await replace.execute(report(browser, fresh));
    await testbed.get(UnsubscribeUseCase).execute(UnsubscribeCommand.create({ kind: 'push', recipientId: id }));

    expect(await errorCodeOf(() => replace.execute(report(browser, fresh)))).toBe('SUBSCRIBER.UNSUBSCRIBED');
    expect(await row(id)).toMatchObject({ endpoint: fresh.endpoint, active: false, deactivated_reason: 'unsubscribed' });
  });

  it('refuses a new subscription a push service cannot use (PUSH.SERVICE_NOT_ALLOWED), keeping the old one', async () => {
    const { id, browser } = await subscribe();
    const elsewhere = browserSubscription({}, 'https://push.elsewhere.example/send/1');

    expect(await errorCodeOf(() => replace.execute(report(browser, elsewhere)))).toBe('PUSH.SERVICE_NOT_ALLOWED');
    expect(await row(id)).toMatchObject({ endpoint: browser.endpoint, active: true, replaced_endpoint: null });
  });

  it('refuses a report about an endpoint replaced since by another one (PUSH.ALREADY_REPLACED)', async () => {
    const { id, browser } = await subscribe();
    const second = browserSubscription({});
    await replace.execute(report(browser, second));

    expect(await errorCodeOf(() => replace.execute(report(browser)))).toBe('PUSH.ALREADY_REPLACED');
    expect(await row(id)).toMatchObject({ endpoint: second.endpoint });
  });

  it('keeps the newer subscription when the new endpoint was registered on its own, and ends the old one', async () => {
    const old = await subscribe({ sections: ['politics'] });
    await queueAlert(old.id);
    const newer = await subscribe({ sections: ['culture'] });

    const result = await replace.execute(report(old.browser, newer.browser));

    expect(result).toMatchObject({ id: newer.id, outcome: 'superseded' });
    expect(await row(old.id)).toMatchObject({ endpoint: old.browser.endpoint, active: false, deactivated_reason: 'replaced by a newer subscription of the same browser' });
    expect(await row(newer.id)).toMatchObject({ sections: ['culture'], active: true });
    expect(await testbed.query(`SELECT status FROM deliveries WHERE push_subscription_id = $1`, [old.id])).toEqual([{ status: 'cancelled' }]);
  });

  it('answers a report that skips a replacement the page never saw (old → new → newer, reported as old → newer)', async () => {
    const { id, browser } = await subscribe();
    const second = browserSubscription({});
    const third = browserSubscription({});
    await replace.execute(report(browser, second));
    await replace.execute(report(second, third));

    await expect(replace.execute(report(browser, third))).resolves.toMatchObject({ id, outcome: 'already' });
    expect(await row(id)).toMatchObject({ endpoint: third.endpoint, active: true });
  });

  it("refuses a new endpoint that is another subscription's, with other keys (PUSH.ENDPOINT_IN_USE)", async () => {
    const old = await subscribe();
    const other = await subscribe({ sections: ['culture'] });
    const claimed = { ...browserSubscription({}), endpoint: other.browser.endpoint };

    expect(await errorCodeOf(() => replace.execute(report(old.browser, claimed)))).toBe('PUSH.ENDPOINT_IN_USE');
    expect(await row(old.id)).toMatchObject({ endpoint: old.browser.endpoint, active: true });
    expect(await row(other.id)).toMatchObject({ endpoint: other.browser.endpoint, sections: ['culture'], active: true });
  });

  it('does not answer "alerts on" with a newer subscription its owner stopped', async () => {
    const old = await subscribe();
    const newer = await subscribe({ sections: ['culture'] });
    await testbed.get(UnsubscribeUseCase).execute(UnsubscribeCommand.create({ kind: 'push', recipientId: newer.id }));

    expect(await errorCodeOf(() => replace.execute(report(old.browser, newer.browser)))).toBe('SUBSCRIBER.UNSUBSCRIBED');
    expect(await row(old.id)).toMatchObject({ active: true });
  });

  it('runs a report and a registration of the same new endpoint one after the other, never failing either', async () => {
    for (let round = 0; round < 5; round++) {
      const { browser } = await subscribe();
      const fresh = browserSubscription({ sections: ['culture'] });

      const [replaced, registered] = await Promise.all([replace.execute(report(browser, fresh)), testbed.get(SubscribePushUseCase).execute(SubscribePushCommand.create(fresh))]);

      // Whichever came first, the new endpoint has one subscription, and both answers name it.
      const atNew = await testbed.query(`SELECT id FROM push_subscriptions WHERE endpoint = $1 AND active`, [fresh.endpoint]);
      expect(atNew).toEqual([{ id: registered.id }]);
      expect(replaced.id).toBe(registered.id);
    }
  });

  it('applies one of two reports of the same replacement arriving at once, and answers both', async () => {
    const { id, browser } = await subscribe();
    const fresh = browserSubscription({});

    const results = await Promise.all([replace.execute(report(browser, fresh)), replace.execute(report(browser, fresh))]);

    expect(results.map((result) => result.outcome).sort()).toEqual(['already', 'replaced']);
    expect(await row(id)).toMatchObject({ endpoint: fresh.endpoint, replaced_endpoint: browser.endpoint });
  });
});
