import { randomUUID } from 'node:crypto';
import type { Priority } from '@newsroom/contracts';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { notificationsTestbed } from '../../../test/notifications-testbed';
import { matchesArticle, type AlertableArticle, type Preferences } from '../../subscriptions/domain/preferences';
import { PushSubscription } from '../../subscriptions/domain/push-subscription';
import { Subscriber, type SubscriberStatus } from '../../subscriptions/domain/subscriber';
import { ArticleAlertRepository } from './article-alert.repository';

/**
 * The fan-out selects recipients in SQL (recipient-selection.ts); the rules
 * are the domain's. Every case below runs through both — matchesArticle() and
 * receivesAlerts on one side, the real fan-out query against PostgreSQL on the
 * other — and both must give the expected answer.
 */
const prefs = (p: Partial<Preferences>): Preferences => ({ sections: [], tags: [], breakingOnly: false, ...p });
const article = (section: string, tags: string[], priority: Priority = 'normal'): AlertableArticle => ({ section, tags, priority });
const politics = article('politics', ['ukraine', 'budget']);
const breakingPolitics = article('politics', ['ukraine', 'budget'], 'breaking');

const MATCHING_CASES: [string, Preferences, AlertableArticle, boolean][] = [
  ['follows the section', prefs({ sections: ['politics'] }), politics, true],
  ['follows one of the tags', prefs({ tags: ['budget'] }), politics, true],
  ['follows another section but one of the tags', prefs({ sections: ['sport'], tags: ['ukraine'] }), politics, true],
  ['follows several sections, one of them', prefs({ sections: ['business', 'politics', 'sport'] }), politics, true],
  ['follows another section', prefs({ sections: ['sport'] }), politics, false],
  ['follows other tags', prefs({ tags: ['football', 'tennis'] }), politics, false],
  ['follows other things, breaking story', prefs({ sections: ['sport'], tags: ['football'] }), breakingPolitics, false],
  ['article section in capitals', prefs({ sections: ['politics'] }), article('Politics', []), true],
  ['article tag in capitals', prefs({ tags: ['ukraine'] }), article('world', ['UKRAINE']), true],
  ['breaking only, follows the section, normal story', prefs({ sections: ['politics'], breakingOnly: true }), politics, false],
  ['breaking only, follows the section, breaking story', prefs({ sections: ['politics'], breakingOnly: true }), breakingPolitics, true],
  ['breaking only, follows another section, breaking story', prefs({ sections: ['sport'], breakingOnly: true }), breakingPolitics, false],
  ['breaking only, follows a tag, breaking story', prefs({ tags: ['budget'], breakingOnly: true }), breakingPolitics, true],
  ['breaking only, follows nothing, breaking story', prefs({ breakingOnly: true }), breakingPolitics, true],
  ['breaking only, follows nothing, normal story', prefs({ breakingOnly: true }), politics, false],
  ['follows the section, breaking story', prefs({ sections: ['politics'] }), breakingPolitics, true],
  ['follows nothing and not breaking only (never stored, still no match)', prefs({}), breakingPolitics, false],
  ['story without tags, follows tags', prefs({ tags: ['ukraine'] }), article('politics', []), false],
];

const now = new Date();
const EMAIL_STATUS_CASES: [string, SubscriberStatus, boolean, boolean][] = [
  ['confirmed ones get alerts', 'confirmed', false, true],
  ['confirmed but bounced ones get none', 'confirmed', true, false],
  ['pending ones get none', 'pending', false, false],
  ['unsubscribed ones get none', 'unsubscribed', false, false],
];
const PUSH_STATE_CASES: [string, { active: boolean; expirationTime: Date | null }, boolean][] = [
  ['active, no expiry', { active: true, expirationTime: null }, true],
  ['active, expires later', { active: true, expirationTime: new Date(now.getTime() + 3600_000) }, true],
  ['active, expired', { active: true, expirationTime: new Date(now.getTime() - 1000) }, false],
  ['ended', { active: false, expirationTime: null }, false],
];

describe('recipient selection: the fan-out SQL agrees with the domain rules', () => {
  let testbed: UseCaseTestbed;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_matching'));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  async function addSubscriber(preferences: Preferences, status: SubscriberStatus = 'confirmed'): Promise<string> {
    const id = randomUUID();
    await testbed.query(`INSERT INTO subscribers (id, email, status, sections, tags, breaking_only) VALUES ($1, $2, $3, $4, $5, $6)`, [
      id,
      `${id}@example.com`,
      status,
      preferences.sections,
      preferences.tags,
      preferences.breakingOnly,
    ]);
    return id;
  }

  async function addPush(preferences: Preferences, state = { active: true, expirationTime: null as Date | null }): Promise<string> {
    const id = randomUUID();
    await testbed.query(
      `INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, sections, tags, breaking_only, active, expiration_time) VALUES ($1, $2, 'k', 'a', $3, $4, $5, $6, $7)`,
      [id, `https://push.example.test/${id}`, preferences.sections, preferences.tags, preferences.breakingOnly, state.active, state.expirationTime],
    );
    return id;
  }

  /** Runs the production fan-out for `subject` and returns the recipient ids it queued. */
  async function selected(subject: AlertableArticle): Promise<{ email: string[]; push: string[] }> {
    const articleId = randomUUID();
    await testbed.query(`INSERT INTO article_alerts (article_id) VALUES ($1)`, [articleId]);
    const content = { revision: 1, headline: 'h', standfirst: null, url: 'https://news.example.test/a', ...subject, tags: [...subject.tags] };
    await testbed.unitOfWork.run(() => testbed.get(ArticleAlertRepository).fanOut(articleId, content));
    const rows = await testbed.query<{ channel: 'email' | 'push'; recipient_id: string }>(`SELECT channel, recipient_id FROM deliveries WHERE article_id = $1`, [articleId]);
    return { email: rows.filter((r) => r.channel === 'email').map((r) => r.recipient_id), push: rows.filter((r) => r.channel === 'push').map((r) => r.recipient_id) };
  }

  it.each(MATCHING_CASES)('%s', async (_name, preferences, subject, expected) => {
    const subscriber = await addSubscriber(preferences);
    const push = await addPush(preferences);

    const inSql = await selected(subject);

    expect(matchesArticle(preferences, subject)).toBe(expected);
    expect(inSql.email.includes(subscriber)).toBe(expected);
    expect(inSql.push.includes(push)).toBe(expected);
  });

  it.each(EMAIL_STATUS_CASES)('email subscribers: %s', async (_name, status, bounced, expected) => {
    const interested = prefs({ sections: ['politics'] });
    const subscriber = await addSubscriber(interested, status);
    const bounce = bounced ? { at: now, code: 550 } : null;
    if (bounce) await testbed.query(`UPDATE subscribers SET bounced_at = $2, bounce_code = $3 WHERE id = $1`, [subscriber, bounce.at, bounce.code]);
    const domain = Subscriber.restore({ id: subscriber, email: 'a@example.com', status, preferences: interested, linkSentAt: null, confirmedAt: null, unsubscribedAt: null, bounce });

    expect(domain.receivesAlerts).toBe(expected);
    expect((await selected(politics)).email.includes(subscriber)).toBe(expected);
  });

  it.each(PUSH_STATE_CASES)('push subscriptions: %s', async (_name, state, expected) => {
    const interested = prefs({ sections: ['politics'] });
    const push = await addPush(interested, state);
    const domain = PushSubscription.restore({
      id: push,
      endpoint: 'https://push.example.test/x',
      p256dh: 'k',
      auth: 'a',
      preferences: interested,
      deactivatedAt: null,
      deactivatedReason: null,
      ...state,
    });

    expect(domain.receivesAlerts(now)).toBe(expected);
    expect((await selected(politics)).push.includes(push)).toBe(expected);
  });

  it('selects every matching recipient at once, and nobody else', async () => {
    const ids = await Promise.all(MATCHING_CASES.map(([, preferences]) => addSubscriber(preferences)));
    const inSql = await selected(breakingPolitics);
    const byDomain = MATCHING_CASES.map(([, preferences], i) => (matchesArticle(preferences, breakingPolitics) ? ids[i] : undefined)).filter(Boolean);
    expect(inSql.email.sort()).toEqual(byDomain.sort());
  });
});
