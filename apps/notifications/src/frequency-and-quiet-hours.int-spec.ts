import { randomUUID } from 'node:crypto';
import { TOPICS, type ArticlePublishedData } from '@newsroom/contracts';
import { eventually, type ServiceUnderTest } from '@newsroom/test-harness';
import type { FakePushService } from '../test/fake-push-service';
import { headerOf, type FakeSmtpServer } from '../test/fake-smtp-server';
import { articlePublishedEvent, browserKeys } from '../test/fixtures';
import { startNotificationsWithMailAndPush, TEST_SITE as SITE, type NotificationsWithMailAndPush } from '../test/notifications-under-test';
import { SubscriberLinkSigner } from './shared/links/subscriber-link-signer';
import { holdUntil } from './subscriptions/domain/quiet-hours';

/**
 * How often and when, end to end: frequency and quiet hours through the API and the
 * preference form, a held alert and a breaking one through the real SMTP server and push
 * service, and daily digests across restarts of the service.
 */
describe('frequency, quiet hours and daily digests (PostgreSQL, broker, SMTP server, push service)', () => {
  jest.setTimeout(120_000);

  const NAME = 'notif_schedules_it';
  const LINK_SECRET = `${NAME}-subscriber-link-secret`;
  let suite: NotificationsWithMailAndPush;
  let smtp: FakeSmtpServer;
  let push: FakePushService;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    suite = await startNotificationsWithMailAndPush(NAME, {
      MAIL_FROM: 'Newsroom Alerts <alerts@newsroom.test>',
      SITE_SECTIONS: 'politics,business,sport',
      RATE_LIMITS: 'push-subscribe:client=100/1h,signup:client=100/1h,signup:target=100/1h,preferences:client=100/10m,preferences:target=100/10m',
      // Every subscriber's digest is due whatever the time of day, so the spec needs no clock.
      DIGEST_LOCAL_TIME: '00:00',
    });
    ({ smtp, push, service } = suite);
  }, 180_000);

  afterAll(() => suite?.close(), 60_000);

  const manageToken = (id: string, kind: 'email' | 'push' = 'email') => new SubscriberLinkSigner(LINK_SECRET).sign(id, kind, 'manage');
  const form = (token: string, body: string) =>
    service.anonymous.post(`/preferences?token=${token}`, undefined, { raw: body, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } });

  async function confirmedSubscriber(email: string, preferences: Record<string, unknown>): Promise<string> {
    const signup = await service.anonymous.post('/v1/subscribers', { email, ...preferences });
    expect(signup.status).toBe(202);
    const [row] = await service.sql<{ id: string }>(`UPDATE subscribers SET status = 'confirmed', confirmed_at = now() WHERE lower(email) = $1 RETURNING id::text`, [email]);
    return row.id;
  }

  /** The keys of each browser (endpoint path): one that subscribes again sends its own again. */
  const browsers = new Map<string, ReturnType<typeof browserKeys>>();
  function subscribePush(path: string, preferences: Record<string, unknown>) {
    const keys = browsers.get(path) ?? browserKeys();
    browsers.set(path, keys);
    return service.anonymous.post<{ id: string; error?: { code: string } }>('/v1/push-subscriptions', {
      subscription: { endpoint: `${push.baseUrl}${path}`, expirationTime: null, keys: { p256dh: keys.p256dh, auth: keys.auth.toString('base64url') } },
      ...preferences,
    });
  }

  async function publish(headline: string, overrides: Partial<ArticlePublishedData> = {}): Promise<string> {
    const event = articlePublishedEvent({ headline, standfirst: 'What happened, in a line.', ...overrides });
    await suite.bus.produce(TOPICS.publishing, event);
    await service.handled(event.id);
    return event.data.articleId;
  }

  describe('frequency and quiet hours through the API and the form', () => {
    it('takes a frequency, a time zone and quiet hours through the API, and refuses bad ones with a coded 400', async () => {
      const id = await confirmedSubscriber('api@example.com', { sections: ['politics'], frequency: 'daily-digest', timeZone: 'Europe/Kyiv', quietHours: { start: '22:00', end: '07:00' } });
      expect(await service.sql(`SELECT frequency, breaking_only, time_zone, quiet_hours_start::text, quiet_hours_end::text FROM subscribers WHERE id = $1`, [id])).toEqual([
        { frequency: 'daily-digest', breaking_only: false, time_zone: 'Europe/Kyiv', quiet_hours_start: '22:00:00', quiet_hours_end: '07:00:00' },
      ]);
      // The older field still works, and means the breaking-only frequency.
      const legacy = await confirmedSubscriber('legacy@example.com', { breakingOnly: true });
      expect(await service.sql(`SELECT frequency, breaking_only FROM subscribers WHERE id = $1`, [legacy])).toEqual([{ frequency: 'breaking-only', breaking_only: true }]);

      const refused = async (body: Record<string, unknown>, path = '/v1/subscribers') => {
        const answer = await service.anonymous.post<{ error: { code: string } }>(path, body);
        return [answer.status, answer.body.error?.code];
      };
      expect(await refused({ email: 'x@example.com', sections: ['politics'], frequency: 'hourly' })).toEqual([400, 'SUBSCRIBER.INVALID_PREFERENCES']);
      expect(await refused({ email: 'x@example.com', sections: ['politics'], frequency: 'every-story', breakingOnly: true })).toEqual([400, 'SUBSCRIBER.INVALID_PREFERENCES']);
      expect(await refused({ email: 'x@example.com', sections: ['politics'], timeZone: 'Mars/Olympus_Mons' })).toEqual([400, 'SUBSCRIBER.UNKNOWN_TIME_ZONE']);
      expect(await refused({ email: 'x@example.com', sections: ['politics'], quietHours: { start: '25:00', end: '07:00' } })).toEqual([400, 'SUBSCRIBER.INVALID_PREFERENCES']);
      expect(await refused({ email: 'x@example.com', sections: ['politics'], quietHours: 'all night' })).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
      // A list's refused entry is named by its place, not "each value in tags…".
      const entries = await service.anonymous.post<{ error: { code: string; details: unknown } }>('/v1/subscribers', {
        email: 'x@example.com',
        sections: ['politics', 'x'.repeat(41)],
        tags: ['harbour', 7],
      });
      expect([entries.status, entries.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
      expect(entries.body.error.details).toEqual([
        { path: 'sections.1', message: 'sections.1 must be at most 40 characters' },
        { path: 'tags.1', message: 'tags.1 must be text' },
      ]);

      const browser = await subscribePush('/push/api', { sections: ['politics'], frequency: 'breaking-only', timeZone: 'America/New_York', quietHours: { start: '23:00', end: '06:30' } });
      expect(browser.status).toBe(201);
      expect(await service.sql(`SELECT frequency, breaking_only, time_zone, quiet_hours_end::text FROM push_subscriptions WHERE id = $1`, [browser.body.id])).toEqual([
        { frequency: 'breaking-only', breaking_only: true, time_zone: 'America/New_York', quiet_hours_end: '06:30:00' },
      ]);
      const digestBrowser = await subscribePush('/push/digest', { sections: ['politics'], frequency: 'daily-digest' });
      expect([digestBrowser.status, digestBrowser.body.error?.code]).toEqual([400, 'SUBSCRIBER.INVALID_PREFERENCES']);
    });

    it('updates the frequency, time zone and quiet hours of a browser that subscribes again, on the same subscription', async () => {
      const first = await subscribePush('/push/again', { sections: ['politics'], frequency: 'breaking-only', timeZone: 'Europe/Kyiv', quietHours: { start: '22:00', end: '07:00' } });
      expect(first.status).toBe(201);
      const columns = `SELECT count(*)::int AS rows, min(id::text) AS id, min(frequency) AS frequency, bool_and(breaking_only) AS breaking_only, min(time_zone) AS time_zone,
                              min(quiet_hours_start::text) AS quiet_start, min(quiet_hours_end::text) AS quiet_end
                       FROM push_subscriptions WHERE endpoint = $1`;
      const endpoint = `${push.baseUrl}/push/again`;

      // The same browser again (its endpoint and keys): new preferences, same row.
      const again = await subscribePush('/push/again', { sections: ['politics'], frequency: 'every-story', timeZone: 'America/New_York', quietHours: { start: '23:30', end: '06:15' } });
      expect([again.status, again.body.id]).toEqual([200, first.body.id]);
      expect(await service.sql(columns, [endpoint])).toEqual([
        { rows: 1, id: first.body.id, frequency: 'every-story', breaking_only: false, time_zone: 'America/New_York', quiet_start: '23:30:00', quiet_end: '06:15:00' },
      ]);

      // Without a time zone or quiet hours, it takes the defaults: the site's zone and no quiet hours.
      expect((await subscribePush('/push/again', { sections: ['politics'] })).status).toBe(200);
      expect(await service.sql(columns, [endpoint])).toEqual([
        { rows: 1, id: first.body.id, frequency: 'every-story', breaking_only: false, time_zone: 'UTC', quiet_start: null, quiet_end: null },
      ]);

      // A refused repeat changes nothing.
      const refused = await subscribePush('/push/again', { sections: ['politics'], frequency: 'breaking-only', timeZone: 'Mars/Olympus_Mons' });
      expect([refused.status, refused.body.error?.code]).toEqual([400, 'SUBSCRIBER.UNKNOWN_TIME_ZONE']);
      expect(await service.sql(columns, [endpoint])).toEqual([
        { rows: 1, id: first.body.id, frequency: 'every-story', breaking_only: false, time_zone: 'UTC', quiet_start: null, quiet_end: null },
      ]);
    });

    it('saves the frequency radio buttons and quiet hours from the preference form, and answers bad values with an HTML error page', async () => {
      const id = await confirmedSubscriber('form@example.com', { sections: ['politics'] });
      const token = manageToken(id);

      const page = await service.anonymous.get(`/preferences?token=${token}`);
      expect(page.text).toContain('name="frequency" value="every-story" checked>');
      expect(page.text).toContain('for this e-mail address only');

      const saved = await form(token, 'sections=politics&tags=&frequency=daily-digest&timeZone=America%2FNew_York&quietHoursStart=21%3A30&quietHoursEnd=06%3A00');
      expect(saved.status).toBe(200);
      expect(saved.text).toContain('Your preferences are saved.');
      expect(saved.text).toContain('name="frequency" value="daily-digest" checked>');
      expect(await service.sql(`SELECT frequency, time_zone, quiet_hours_start::text, quiet_hours_end::text FROM subscribers WHERE id = $1`, [id])).toEqual([
        { frequency: 'daily-digest', time_zone: 'America/New_York', quiet_hours_start: '21:30:00', quiet_hours_end: '06:00:00' },
      ]);

      for (const [body, code] of [
        ['sections=politics&frequency=hourly', 'SUBSCRIBER.INVALID_PREFERENCES'],
        ['sections=politics&frequency=every-story&timeZone=Nowhere%2FLand', 'SUBSCRIBER.UNKNOWN_TIME_ZONE'],
        ['sections=politics&quietHoursStart=22%3A00', 'SUBSCRIBER.INVALID_PREFERENCES'],
      ]) {
        const refused = await form(token, body);
        expect([body, refused.status, refused.headers.get('content-type')]).toEqual([body, 400, expect.stringContaining('text/html')]);
        expect(refused.text).toContain(`Error code: ${code}`);
      }
      // Nothing of the refused forms was stored; clearing both times removes the quiet hours.
      expect((await form(token, 'sections=politics&frequency=breaking-only&timeZone=&quietHoursStart=&quietHoursEnd=')).status).toBe(200);
      expect(await service.sql(`SELECT frequency, breaking_only, time_zone, quiet_hours_start FROM subscribers WHERE id = $1`, [id])).toEqual([
        { frequency: 'breaking-only', breaking_only: true, time_zone: 'UTC', quiet_hours_start: null },
      ]);
    });
  });

  it('holds a normal story inside quiet hours until they end, on both channels, and sends a breaking one at once', async () => {
    // Quiet hours around the present moment in New York, whatever the time the spec runs.
    const timeZone = 'America/New_York';
    const clock = (offsetMs: number) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + offsetMs));
    const quietHours = { start: clock(-3_600_000), end: clock(3_600_000) };
    const reader = 'night-owl@example.com';
    // Sport, which nobody else here follows: the digests below list politics.
    await confirmedSubscriber(reader, { sections: ['sport'], timeZone, quietHours });
    expect((await subscribePush('/push/quiet', { sections: ['sport'], timeZone, quietHours })).status).toBe(201);
    const expectedEnd = holdUntil('normal', new Date(), timeZone, quietHours)!;

    const normal = await publish('Harbour toll rises by a penny', { section: 'sport' });
    const held = await service.sql<{ channel: string; status: string; next_attempt_at: Date }>(`SELECT channel, status, next_attempt_at FROM deliveries WHERE article_id = $1 ORDER BY channel`, [normal]);
    expect(held.map((row) => [row.channel, row.status, row.next_attempt_at.toISOString()])).toEqual([
      ['email', 'pending', expectedEnd.toISOString()],
      ['push', 'pending', expectedEnd.toISOString()],
    ]);

    await publish('Breaking: the harbour bridge is closed', { section: 'sport', priority: 'breaking' });
    await eventually('the breaking alert by e-mail', () => smtp.mailsTo(reader, /harbour bridge/)[0]);
    await eventually('the breaking alert by push', () => push.pushesTo('/push/quiet')[0]);

    // The workers sent what was due; the normal story still waits for the end of quiet hours.
    expect(smtp.mailsTo(reader, /Harbour toll/)).toHaveLength(0);
    expect(push.pushesTo('/push/quiet')).toHaveLength(1);
    expect(await service.sql(`SELECT status FROM deliveries WHERE article_id = $1`, [normal])).toEqual([{ status: 'pending' }, { status: 'pending' }]);
  });

  describe('daily digests', () => {
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

    async function digestReader(email: string, timeZone: string, preferences: { sections?: string[]; tags?: string[] }): Promise<string> {
      const id = randomUUID();
      await service.sql(
        `INSERT INTO subscribers (id, email, status, confirmed_at, sections, tags, frequency, time_zone) VALUES ($1, $2, 'confirmed', now(), $3, $4, 'daily-digest', $5)`,
        [id, email, preferences.sections ?? [], preferences.tags ?? [], timeZone],
      );
      return id;
    }

    async function story(headline: string, publishedAt: Date, fields: { section?: string; tags?: string[]; priority?: string; withdrawnAt?: Date; language?: string } = {}): Promise<string> {
      const id = randomUUID();
      await service.sql(
        `INSERT INTO article_alerts (article_id, revision, headline, standfirst, url, section, tags, priority, published_at, withdrawn_at, fanned_out_at, language)
         VALUES ($1, 1, $2, 'In a line.', $3, $4, $5, $6, $7, $8, $7, $9)`,
        [id, headline, `${SITE}/articles/${id}`, fields.section ?? 'politics', fields.tags ?? [], fields.priority ?? 'normal', publishedAt, fields.withdrawnAt ?? null, fields.language ?? null],
      );
      return id;
    }

    const digestsTo = (email: string) => smtp.mailsTo(email, /Your Newsroom digest/);

    it('goes out once per subscriber and day across restarts, with the stories they follow, and not at all without any', async () => {
      // Set up with the service stopped, as a process that crashed would leave things.
      await service.stop();
      const ann = await digestReader('ann@example.com', 'UTC', { sections: ['politics'] });
      const bo = await digestReader('bo@example.com', 'Asia/Tokyo', { tags: ['budget'] });
      const cy = await digestReader('cy@example.com', 'America/New_York', { tags: ['chess'] });
      await story('Budget passes at the second vote', hoursAgo(2), { tags: ['budget'], priority: 'breaking' });
      await story('Council meets on Thursday', hoursAgo(1), { language: 'uk' });
      await story('Killed story about the mayor', hoursAgo(1), { withdrawnAt: hoursAgo(0.5) });
      // Ann had this one's own alert e-mail before she changed to the digest: not listed again.
      const alerted = await story('Already alerted to ann', hoursAgo(1.5));
      await service.sql(`INSERT INTO deliveries (article_id, channel, subscriber_id, status, sent_at) VALUES ($1, 'email', $2, 'sent', now())`, [alerted, ann]);
      await story('Yesterday morning politics', hoursAgo(30));
      await story('Business only', hoursAgo(1), { section: 'business' });
      // Ann's digest was claimed before the crash and never sent.
      await service.sql(
        `INSERT INTO digests (subscriber_id, local_date, stories_since, stories_until) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, now() - interval '24 hours', now())`,
        [ann],
      );

      await service.boot();
      const [annDigest] = await eventually('the digest to ann', () => (digestsTo('ann@example.com').length > 0 ? digestsTo('ann@example.com') : undefined));
      const [boDigest] = await eventually('the digest to bo', () => (digestsTo('bo@example.com').length > 0 ? digestsTo('bo@example.com') : undefined));
      await eventually('every digest settled', async () => (await service.sql(`SELECT 1 FROM digests WHERE status = 'claimed'`)).length === 0 || undefined);

      expect(annDigest.parsed.subject).toMatch(/: 2 stories$/);
      expect(annDigest.parsed.text).toContain('BREAKING: Budget passes at the second vote');
      expect(annDigest.parsed.text).toContain('Council meets on Thursday');
      expect(annDigest.parsed.text).not.toContain('Killed story');
      expect(annDigest.parsed.text).not.toContain('Yesterday morning');
      expect(annDigest.parsed.text).not.toContain('Business only');
      expect(annDigest.parsed.text).not.toContain('Already alerted');
      expect(annDigest.parsed.html).toContain('Council meets on Thursday</a>');
      // the story's words carry its language, for a screen reader's voice
      expect(annDigest.parsed.html).toMatch(/<div lang="uk" dir="ltr"[^>]*>\s*<h2[^>]*><a [^>]*>Council meets on Thursday<\/a>/);
      const annDate = (await service.sql<{ d: string }>(`SELECT to_char(local_date, 'YYYY-MM-DD') AS d FROM digests WHERE subscriber_id = $1`, [ann]))[0].d;
      expect(annDigest.parsed.messageId).toBe(`<digest-${ann}-${annDate}@newsroom.test>`);
      expect(headerOf(annDigest, 'list-unsubscribe')).toMatch(/^<https:\/\/alerts\.example\.test\/unsubscribe\?token=/);
      expect(headerOf(annDigest, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(boDigest.parsed.subject).toMatch(/: 1 story$/);
      expect(boDigest.parsed.text).toContain('Budget passes at the second vote');
      expect(digestsTo('cy@example.com')).toHaveLength(0);
      expect(await service.sql(`SELECT subscriber_id::text, status, story_count FROM digests ORDER BY status, subscriber_id`)).toEqual(
        expect.arrayContaining([
          { subscriber_id: cy, status: 'empty', story_count: 0 },
          { subscriber_id: ann, status: 'sent', story_count: 2 },
          { subscriber_id: bo, status: 'sent', story_count: 1 },
        ]),
      );

      // A crash after Ann's send and before it was settled: the restart sends that one message
      // again with the same Message-ID, and nothing new to anyone for the same day.
      await service.stop();
      await service.sql(`UPDATE digests SET status = 'claimed', settled_at = NULL WHERE subscriber_id = $1`, [ann]);
      await service.boot();
      const again = await eventually('ann\'s digest sent again', () => digestsTo('ann@example.com')[1]);
      expect(again.parsed.messageId).toBe(annDigest.parsed.messageId);
      await eventually('ann\'s digest settled again', async () => (await service.sql(`SELECT 1 FROM digests WHERE status = 'claimed'`)).length === 0 || undefined);

      // A new digest reader with a story, as a probe: once theirs is out, the round after the
      // restart has claimed what was due, and found the others done for today.
      await service.stop();
      await digestReader('dee@example.com', 'UTC', { sections: ['politics'] });
      await service.boot();
      await eventually('the probe digest', () => digestsTo('dee@example.com')[0]);
      expect(digestsTo('ann@example.com')).toHaveLength(2);
      expect(digestsTo('bo@example.com')).toHaveLength(1);
      expect(digestsTo('cy@example.com')).toHaveLength(0);
      expect(await service.sql(`SELECT count(*)::int AS n FROM digests WHERE subscriber_id IN ($1, $2, $3)`, [ann, bo, cy])).toEqual([{ n: 3 }]);
    });
  });
});
