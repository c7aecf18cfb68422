import { UseCaseTestbed } from '@newsroom/test-harness';
import { browserSubscription, errorCodeOf } from '../../../../test/fixtures';
import { notificationsTestbed } from '../../../../test/notifications-testbed';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import { ReplacePushEndpointCommand } from '../replace-push-endpoint/replace-push-endpoint.command';
import { ReplacePushEndpointUseCase } from '../replace-push-endpoint/replace-push-endpoint.use-case';
import { SubscribePushCommand } from '../subscribe-push/subscribe-push.command';
import { SubscribePushUseCase } from '../subscribe-push/subscribe-push.use-case';
import { UnsubscribeCommand } from '../unsubscribe/unsubscribe.command';
import { UnsubscribeUseCase } from '../unsubscribe/unsubscribe.use-case';
import { CheckPushSubscriptionQuery } from './check-push-subscription.query';

describe(CheckPushSubscriptionQuery.name, () => {
  let testbed: UseCaseTestbed;
  let query: CheckPushSubscriptionQuery;
  const subscribe = async () => {
    const browser = browserSubscription({ sections: ['politics'] });
    const { id } = await testbed.get(SubscribePushUseCase).execute(SubscribePushCommand.create(browser));
    return { id, browser };
  };

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_push_check'));
    query = testbed.get(CheckPushSubscriptionQuery);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('answers an active subscription with its links, to the browser that proves it holds it', async () => {
    const { id, browser } = await subscribe();

    const checked = await query.check(browser);

    expect(checked).toMatchObject({ id, status: 'active' });
    expect(testbed.get(SubscriberLinks).verify(checked.links!.token, 'manage')).toMatchObject({ recipientId: id, kind: 'push' });
    expect(checked.links!.preferencesUrl).toContain('/preferences?token=');
  });

  it('says the reader stopped it, without links', async () => {
    const { id, browser } = await subscribe();
    await testbed.get(UnsubscribeUseCase).execute(UnsubscribeCommand.create({ kind: 'push', recipientId: id }));

    await expect(query.check(browser)).resolves.toEqual({ id, status: 'stopped', links: null });
  });

  it('says the push service ended it', async () => {
    const { id, browser } = await subscribe();
    await testbed.query(`UPDATE push_subscriptions SET active = false, deactivated_at = now(), deactivated_reason = 'push service answered 410' WHERE id = $1`, [id]);

    await expect(query.check(browser)).resolves.toEqual({ id, status: 'ended', links: null });
  });

  it('answers PUSH.UNKNOWN_SUBSCRIPTION alike for an unknown endpoint, a wrong secret and an endpoint replaced since', async () => {
    const { browser } = await subscribe();
    const stranger = browserSubscription({});
    const fresh = browserSubscription({});
    await testbed.get(ReplacePushEndpointUseCase).execute(
      ReplacePushEndpointCommand.create({ oldEndpoint: browser.endpoint, oldAuth: browser.auth, endpoint: fresh.endpoint, p256dh: fresh.p256dh, auth: fresh.auth, expirationTime: null }),
    );

    expect(await errorCodeOf(() => query.check(stranger))).toBe('PUSH.UNKNOWN_SUBSCRIPTION');
    expect(await errorCodeOf(() => query.check({ endpoint: fresh.endpoint, auth: browser.auth }))).toBe('PUSH.UNKNOWN_SUBSCRIPTION');
    expect(await errorCodeOf(() => query.check(browser))).toBe('PUSH.UNKNOWN_SUBSCRIPTION');
    await expect(query.check(fresh)).resolves.toMatchObject({ status: 'active' });
  });
});
