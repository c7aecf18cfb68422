import { UseCaseTestbed } from '@newsroom/test-harness';
import { browserSubscription, errorCodeOf } from '../../../../test/fixtures';
import { notificationsTestbed, TEST_PUBLIC_BASE_URL } from '../../../../test/notifications-testbed';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import { UnsubscribeCommand } from '../unsubscribe/unsubscribe.command';
import { UnsubscribeUseCase } from '../unsubscribe/unsubscribe.use-case';
import { SubscribePushCommand } from './subscribe-push.command';
import { SubscribePushUseCase } from './subscribe-push.use-case';

describe(SubscribePushUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let subscribe: SubscribePushUseCase;
  const row = async (id: string) =>
    (await testbed.query(`SELECT endpoint, p256dh, auth, expiration_time, sections, tags, breaking_only, active FROM push_subscriptions WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_push'));
    subscribe = testbed.get(SubscribePushUseCase);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  it('stores a browser subscription, active at once, and returns its management links', async () => {
    const browser = browserSubscription({ sections: ['Politics'] });
    const expires = new Date('2030-01-01T00:00:00Z');
    const result = await subscribe.execute(SubscribePushCommand.create({ ...browser, auth: `${browser.auth}==`, expirationTime: expires }));

    expect(result).toMatchObject({ created: true, preferencesUrl: expect.stringContaining(`${TEST_PUBLIC_BASE_URL}/preferences?token=`) });
    expect(testbed.get(SubscriberLinks).verify(result.token, 'manage')).toMatchObject({ recipientId: result.id, kind: 'push' });
    expect(await row(result.id)).toEqual({
      endpoint: browser.endpoint,
      p256dh: browser.p256dh,
      auth: browser.auth,
      expiration_time: expires,
      sections: ['politics'],
      tags: [],
      breaking_only: false,
      active: true,
    });
  });

  it('updates the same endpoint instead of adding a second subscription, and reactivates it', async () => {
    const browser = browserSubscription({ sections: ['politics'] });
    const first = await subscribe.execute(SubscribePushCommand.create(browser));
    await testbed.get(UnsubscribeUseCase).execute(UnsubscribeCommand.create({ kind: 'push', recipientId: first.id }));
    // The same browser: its endpoint and keys (the secret as the browser may spell it, padded).
    const renewed = { ...browser, auth: `${browser.auth}==`, preferences: { tags: ['harbour'] } };

    const second = await subscribe.execute(SubscribePushCommand.create(renewed));

    expect(second).toMatchObject({ id: first.id, created: false });
    expect(await row(first.id)).toMatchObject({ p256dh: browser.p256dh, sections: [], tags: ['harbour'], active: true });
    expect(await testbed.query(`SELECT 1 FROM push_subscriptions`)).toHaveLength(1);
  });

  it.each([
    ['active', false],
    ['stopped by its reader', true],
  ])('refuses the endpoint of a subscription %s with another auth secret (PUSH.ENDPOINT_IN_USE), and leaves it as it was', async (_, stopped) => {
    const browser = browserSubscription({ sections: ['politics'] });
    const first = await subscribe.execute(SubscribePushCommand.create(browser));
    if (stopped) await testbed.get(UnsubscribeUseCase).execute(UnsubscribeCommand.create({ kind: 'push', recipientId: first.id }));
    const before = await row(first.id);
    // Someone who learnt the endpoint, with keys of their own.
    const other = browserSubscription({ tags: ['harbour'] }, browser.endpoint);

    expect(await errorCodeOf(() => subscribe.execute(SubscribePushCommand.create(other)))).toBe('PUSH.ENDPOINT_IN_USE');
    expect(await row(first.id)).toEqual(before);
    expect(before).toMatchObject({ auth: browser.auth, active: !stopped });
  });

  it('fits what is queued for the browser to the preferences it subscribes again with', async () => {
    const browser = browserSubscription({ sections: ['politics', 'culture'] });
    const first = await subscribe.execute(SubscribePushCommand.create(browser));
    const queue = async (section: string) => {
      const articleId = crypto.randomUUID();
      await testbed.query(`INSERT INTO article_alerts (article_id, revision, headline, url, section, tags, priority, published_at) VALUES ($1, 1, 'Story', 'https://news.example/s', $2, '{}', 'normal', now())`, [
        articleId,
        section,
      ]);
      await testbed.query(`INSERT INTO deliveries (article_id, channel, push_subscription_id, next_attempt_at) VALUES ($1, 'push', $2, now() + interval '8 hours')`, [articleId, first.id]);
      return articleId;
    };
    const politics = await queue('politics');
    const culture = await queue('culture');

    await subscribe.execute(SubscribePushCommand.create({ ...browser, preferences: { sections: ['politics'] } }));

    expect(await testbed.query(`SELECT article_id, status FROM deliveries ORDER BY id`)).toEqual([
      { article_id: politics, status: 'pending' },
      { article_id: culture, status: 'cancelled' },
    ]);
  });

  it('stores one subscription when the same browser subscribes twice at once', async () => {
    const browser = browserSubscription({ sections: ['politics'] });
    const results = await Promise.all([subscribe.execute(SubscribePushCommand.create(browser)), subscribe.execute(SubscribePushCommand.create(browser))]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
  });

  it('refuses endpoints that are not https push services: PUSH.INVALID_ENDPOINT', async () => {
    const insecure = browserSubscription({ sections: ['politics'] }, 'http://push.example.test/x');
    expect(await errorCodeOf(() => subscribe.execute(SubscribePushCommand.create(insecure)))).toBe('PUSH.INVALID_ENDPOINT');
    expect(await testbed.query(`SELECT 1 FROM push_subscriptions`)).toHaveLength(0);
  });

  it.each(['https://127.0.0.1:19443/', 'https://push.example.test:5432/x', 'https://0x7f000001/x', 'https://updates.push.services.mozilla.com/wpush/v2/x'])(
    'refuses an endpoint off the configured push services (%s): PUSH.SERVICE_NOT_ALLOWED',
    async (endpoint) => {
      const elsewhere = browserSubscription({ sections: ['politics'] }, endpoint);
      expect(await errorCodeOf(() => subscribe.execute(SubscribePushCommand.create(elsewhere)))).toBe('PUSH.SERVICE_NOT_ALLOWED');
      expect(await testbed.query(`SELECT 1 FROM push_subscriptions`)).toHaveLength(0);
    },
  );

  it('refuses keys that cannot encrypt a payload: PUSH.INVALID_KEYS', async () => {
    const broken = { ...browserSubscription({ sections: ['politics'] }), p256dh: Buffer.alloc(65, 7).toString('base64url') };
    expect(await errorCodeOf(() => subscribe.execute(SubscribePushCommand.create(broken)))).toBe('PUSH.INVALID_KEYS');
  });

  it('checks the subscription before the preferences, then needs something to follow: SUBSCRIBER.NO_INTERESTS', async () => {
    const insecure = browserSubscription({}, 'http://push.example.test/x');
    expect(await errorCodeOf(() => subscribe.execute(SubscribePushCommand.create(insecure)))).toBe('PUSH.INVALID_ENDPOINT');
    expect(await errorCodeOf(() => subscribe.execute(SubscribePushCommand.create(browserSubscription({}))))).toBe('SUBSCRIBER.NO_INTERESTS');
  });
});
