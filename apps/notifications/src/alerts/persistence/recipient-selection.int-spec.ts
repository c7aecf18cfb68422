import { randomUUID } from 'node:crypto';
import type { Priority } from '@newsroom/contracts';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { preferences } from '../../../test/fixtures';
import { notificationsTestbed } from '../../../test/notifications-testbed';
import { matchesArticle, type AlertableArticle, type Preferences } from '../../subscriptions/domain/preferences';
import { PushSubscription } from '../../subscriptions/domain/push-subscription';
import { Subscriber, type SubscriberStatus } from '../../subscriptions/domain/subscriber';
import { QUIET_HOURS_CASES } from '../../../test/quiet-hours-cases';
import { holdUntil } from '../../subscriptions/domain/quiet-hours';
import { PREFERENCE_COLUMN_NAMES, preferenceColumnValues } from '../../subscriptions/persistence/preference-columns';
import { ArticleAlertRepository } from './article-alert.repository';
import { heldUntilSql } from './recipient-selection';


/**
 * The fan-out selects recipients in SQL (recipient-selection.ts); the rules
 * are the domain's. Every case below runs through both — matchesArticle() and
 * receivesAlerts on one side, the real fan-out query against PostgreSQL on the
 * other — and both must give the expected answer.
 */
const prefs = preferences;
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
  ['daily digest, follows the section: the story waits for the digest', prefs({ sections: ['politics'], frequency: 'daily-digest' }), politics, false],
  ['daily digest, follows the section, breaking story: the digest too', prefs({ sections: ['politics'], frequency: 'daily-digest' }), breakingPolitics, false],
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
    await testbed.query(
      `INSERT INTO subscribers (id, email, status, ${PREFERENCE_COLUMN_NAMES})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, `${id}@example.com`, status, ...preferenceColumnValues(preferences)],
    );
    return id;
  }

  async function addPush(preferences: Preferences, state = { active: true, expirationTime: null as Date | null }): Promise<string> {
    const id = randomUUID();
    // A browser takes no digest (a CHECK says so); the rule is the same on both tables, so the push row follows every story.
    const frequency = preferences.frequency === 'daily-digest' ? 'every-story' : preferences.frequency;
    await testbed.query(
      `INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, active, expiration_time, ${PREFERENCE_COLUMN_NAMES})
       VALUES ($1, $2, 'k', 'a', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, `https://push.example.test/${id}`, state.active, state.expirationTime, ...preferenceColumnValues({ ...preferences, frequency })],
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
    expect(inSql.push.includes(push)).toBe(preferences.frequency === 'daily-digest' ? true : expected);
  });

  describe('quiet hours: the hold in SQL agrees with holdUntil()', () => {
    it.each(QUIET_HOURS_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const subscriber = await addSubscriber(prefs({ sections: ['politics'], timeZone: c.timeZone, quietHours: c.quietHours }));
      const [row] = await testbed.query<{ held_until: Date | null }>(`SELECT ${heldUntilSql('$2::timestamptz', '$3')} AS held_until FROM subscribers r WHERE r.id = $1`, [
        subscriber,
        c.at,
        c.priority,
      ]);
      const expected = c.expected && new Date(c.expected).toISOString();

      expect(holdUntil(c.priority, new Date(c.at), c.timeZone, c.quietHours)?.toISOString() ?? null).toBe(expected);
      expect(row.held_until?.toISOString() ?? null).toBe(expected);
    });

    it('the fan-out queues a delivery inside quiet hours for when they end, on both channels, and a breaking one for now', async () => {
      // Quiet hours around the present moment, in a zone with DST, so the fan-out's now() is inside them.
      const timeZone = 'America/New_York';
      const clock = (offsetMs: number) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + offsetMs));
      const quietHours = { start: clock(-3_600_000), end: clock(3_600_000) };
      const quiet = prefs({ sections: ['politics'], timeZone, quietHours });
      const subscriber = await addSubscriber(quiet);
      const push = await addPush(quiet);
      const before = new Date();

      const normalId = randomUUID();
      await testbed.query(`INSERT INTO article_alerts (article_id) VALUES ($1)`, [normalId]);
      await testbed.unitOfWork.run(() => testbed.get(ArticleAlertRepository).fanOut(normalId, { revision: 1, headline: 'h', standfirst: null, url: 'https://news.example.test/a', ...politics, tags: [...politics.tags] }));
      const held = await testbed.query<{ recipient_id: string; next_attempt_at: Date }>(`SELECT recipient_id, next_attempt_at FROM deliveries WHERE article_id = $1`, [normalId]);
      const expected = holdUntil('normal', before, timeZone, quietHours)!;

      expect(held.map((row) => row.recipient_id).sort()).toEqual([subscriber, push].sort());
      for (const row of held) expect(row.next_attempt_at.toISOString()).toBe(expected.toISOString());
      expect(expected.getTime()).toBeGreaterThan(before.getTime());

      const breakingId = randomUUID();
      await testbed.query(`INSERT INTO article_alerts (article_id) VALUES ($1)`, [breakingId]);
      await testbed.unitOfWork.run(() => testbed.get(ArticleAlertRepository).fanOut(breakingId, { revision: 1, headline: 'h', standfirst: null, url: 'https://news.example.test/b', ...breakingPolitics, tags: [...breakingPolitics.tags] }));
      const now = await testbed.query<{ due: boolean }>(`SELECT next_attempt_at <= now() AS due FROM deliveries WHERE article_id = $1`, [breakingId]);
      expect(now).toEqual([{ due: true }, { due: true }]);
    });
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
      replacedEndpoint: null,
      replacedAuth: null,
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
