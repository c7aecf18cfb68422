import { createECDH, randomBytes, randomUUID, type ECDH } from 'node:crypto';
import { createEvent, EVENT_TYPES, type ArticlePublishedData, type CommandInput } from '@newsroom/contracts';
import type { FanOutAlertsCommand } from '../src/alerts/use-cases/fan-out-alerts/fan-out-alerts.command';
import type { Preferences } from '../src/subscriptions/domain/preferences';
import { ConfirmSubscriptionCommand } from '../src/subscriptions/use-cases/confirm-subscription/confirm-subscription.command';
import { ConfirmSubscriptionUseCase } from '../src/subscriptions/use-cases/confirm-subscription/confirm-subscription.use-case';
import { SignUpByEmailCommand } from '../src/subscriptions/use-cases/sign-up-by-email/sign-up-by-email.command';
import { SignUpByEmailUseCase } from '../src/subscriptions/use-cases/sign-up-by-email/sign-up-by-email.use-case';
import { SubscribePushCommand } from '../src/subscriptions/use-cases/subscribe-push/subscribe-push.command';
import { SubscribePushUseCase } from '../src/subscriptions/use-cases/subscribe-push/subscribe-push.use-case';
import { TEST_SITE_URL, type Testbed } from './notifications-testbed';

/** Whole preferences from the fields a spec cares about: every story, UTC, no quiet hours unless given. */
export function preferences(fields: Partial<Preferences>): Preferences {
  const frequency = fields.frequency ?? (fields.breakingOnly ? 'breaking-only' : 'every-story');
  return { sections: [], tags: [], timeZone: 'UTC', quietHours: null, ...fields, frequency, breakingOnly: frequency === 'breaking-only' };
}

/** A published article on the test site, as FanOutAlertsCommand.create() takes it. */
export function publishedArticle(overrides: Partial<CommandInput<FanOutAlertsCommand>> = {}): CommandInput<FanOutAlertsCommand> {
  const articleId = overrides.articleId ?? randomUUID();
  return {
    articleId,
    revision: 1,
    headline: 'Harbour council approves night-time crane ban',
    standfirst: 'Cranes must stop at 11pm from January.',
    url: `${TEST_SITE_URL}/articles/crane-ban-${articleId.slice(0, 8)}`,
    section: 'politics',
    tags: ['harbour'],
    priority: 'normal',
    publishedAt: new Date(),
    ...overrides,
  };
}

/** An `article.published` event about a story on the test site, as publishing emits it; its articleId is new unless given. */
export function articlePublishedEvent(overrides: Partial<ArticlePublishedData> = {}) {
  const articleId = overrides.articleId ?? randomUUID();
  return createEvent(
    EVENT_TYPES.articlePublished,
    {
      articleId,
      revision: 1,
      slug: `story-${articleId.slice(0, 8)}`,
      url: `${TEST_SITE_URL}/articles/${articleId}`,
      headline: 'Harbour council approves night-time crane ban',
      standfirst: 'Cranes must stop at 11pm from January.',
      section: 'politics',
      tags: [],
      language: 'en',
      bylines: [{ name: 'Ann Reporter' }],
      priority: 'normal',
      publishedAt: new Date().toISOString(),
      ...overrides,
    },
    { subject: articleId },
  );
}

/** A browser's push keys: the public key and auth secret it sends, and the private key that decrypts. */
export interface BrowserKeys {
  ecdh: ECDH;
  auth: Buffer;
  p256dh: string;
}

export function browserKeys(): BrowserKeys {
  const ecdh = createECDH('prime256v1');
  return { ecdh, auth: randomBytes(16), p256dh: ecdh.generateKeys().toString('base64url') };
}

/** A browser's subscription as SubscribePushCommand.create() takes it. */
export function browserSubscription(preferences: Partial<Preferences>, endpoint = `https://push.example.test/send/${randomUUID()}`): CommandInput<SubscribePushCommand> {
  const keys = browserKeys();
  return { endpoint, p256dh: keys.p256dh, auth: keys.auth.toString('base64url'), expirationTime: null, preferences };
}

/** An email subscriber signed up (and by default confirmed) through the use cases; returns its id. */
export async function emailSubscriber(testbed: Testbed, email: string, preferences: Partial<Preferences>, { confirmed = true } = {}): Promise<string> {
  const { subscriberId } = await testbed.get(SignUpByEmailUseCase).execute(SignUpByEmailCommand.create({ email, preferences }));
  if (confirmed) await testbed.get(ConfirmSubscriptionUseCase).execute(ConfirmSubscriptionCommand.create({ subscriberId }));
  return subscriberId;
}

/** A browser push subscription registered through the use case; returns its id. */
export async function pushSubscriber(testbed: Testbed, preferences: Partial<Preferences>, endpoint?: string): Promise<string> {
  const { id } = await testbed.get(SubscribePushUseCase).execute(SubscribePushCommand.create(browserSubscription(preferences, endpoint)));
  return id;
}

/** The deliveries of an article as rows: channel, recipient id and status, oldest first. */
export function deliveriesOf(testbed: Testbed, articleId: string): Promise<{ id: string; channel: string; recipient_id: string; status: string; attempts: number }[]> {
  return testbed.query(`SELECT id::text, channel, recipient_id, status, attempts FROM deliveries WHERE article_id = $1 ORDER BY id`, [articleId]);
}

/** Runs `work` and returns the code of the DomainError it throws (undefined when it does not throw). */
/** The code of the coded error `work` throws, or undefined when it throws none. */
export function thrownCodeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

/**
 * Push endpoints that made the service connect to this machine's own ports or
 * its network (each seen to work before endpoints were checked), and more of
 * the same kinds: loopback written every way the URL parser accepts, the cloud
 * metadata address, private, CGNAT and unique-local addresses, a push
 * service's name on another port or inside a longer name.
 */
export const LOCAL_NETWORK_ENDPOINTS = [
  'https://127.0.0.1:19443/',
  'https://localhost/push',
  'https://[::1]/push',
  'https://127.1/push',
  'https://0x7f000001/push',
  'https://2130706433/push',
  'https://0177.0.0.1/push',
  'https://[::ffff:127.0.0.1]/push',
  'https://169.254.169.254/latest/meta-data/',
  'https://127.0.0.1:5432/',
  'https://10.0.0.7/push',
  'https://100.64.0.1/push',
  'https://[fd00:ec2::254]/push',
  'https://fcm.googleapis.com:5432/fcm/send/x',
  'https://fcm.googleapis.com.attacker.example/fcm/send/x',
] as const;

export async function errorCodeOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') throw error;
    return code;
  }
}
