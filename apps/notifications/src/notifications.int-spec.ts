import { randomUUID } from 'node:crypto';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { createEvent, deadLetterTopicOf, EVENT_TYPES, TOPICS, type ArticlePublishedData, type NewsroomEvent } from '@newsroom/contracts';
import { DLQ_HEADERS } from '@newsroom/messaging';
import { eventually, type ServiceUnderTest, type TestEventBus, type ReceivedMessage } from '@newsroom/test-harness';
import { decryptPush, type FakePushService } from '../test/fake-push-service';
import { headerOf, type FakeSmtpServer } from '../test/fake-smtp-server';
import { browserKeys, LOCAL_NETWORK_ENDPOINTS, type BrowserKeys } from '../test/fixtures';
import { startNotificationsWithMailAndPush, TEST_PUBLIC_BASE_URL as PUBLIC_BASE_URL, TEST_SITE as SITE, type NotificationsWithMailAndPush } from '../test/notifications-under-test';

/**
 * The notifications service end to end, in this process: HTTP in, events from
 * the broker, alerts out through a real SMTP server and an HTTPS push service,
 * state in PostgreSQL. The use cases' own specs cover each rule in detail;
 * this covers the paths between them.
 */

interface DeliveriesBody {
  counts: Record<string, number>;
  deliveries: { channel: string; recipient: string; status: string; attempts: number; lastResponseCode: number | null; attemptLog: { attempt: number; outcome: string; responseCode: number | null; error: string | null }[] }[];
}

describe('notifications service (PostgreSQL, broker, SMTP server, HTTPS push service)', () => {
  jest.setTimeout(90_000);

  let suite: NotificationsWithMailAndPush;
  let smtp: FakeSmtpServer;
  let push: FakePushService;
  let service: ServiceUnderTest;
  let bus: TestEventBus;
  let deadLetters: ReceivedMessage[];

  beforeAll(async () => {
    suite = await startNotificationsWithMailAndPush('notifications_it', {
      MAIL_FROM: 'Newsroom Alerts <alerts@newsroom.test>',
      VAPID_SUBJECT: 'mailto:alerts@newsroom.test',
      SITE_SECTIONS: 'politics,business,culture,sport',
      // Every request here comes from one address; the limits have their own spec (rate-limits.int-spec.ts).
      RATE_LIMITS: 'push-subscribe:client=100/1h',
    });
    ({ smtp, push, service, bus } = suite);
    deadLetters = await bus.collect(deadLetterTopicOf(TOPICS.publishing));
  }, 120_000);

  afterAll(() => suite?.close(), 60_000);

  /** A link we sent, as a path on the service under test (links carry PUBLIC_BASE_URL). */
  const pathOf = (link: string) => {
    expect(link.startsWith(`${PUBLIC_BASE_URL}/`)).toBe(true);
    return link.slice(PUBLIC_BASE_URL.length);
  };
  const linkIn = (text: string | undefined, path: string) => new RegExp(`(${PUBLIC_BASE_URL}${path.replace('?', '\\?')}\\?token=[\\w.-]+)`).exec(text ?? '')?.[1];

  async function subscribeAndConfirm(email: string, preferences: Record<string, unknown>): Promise<void> {
    const before = smtp.mailsTo(email, /Confirm/).length;
    expect((await service.anonymous.post('/v1/subscribers', { email, ...preferences })).status).toBe(202);
    const mail = await eventually(`confirmation email to ${email}`, () => smtp.mailsTo(email, /Confirm/)[before]);
    // The link opens a page whose button confirms (a POST to the same address).
    const confirmed = await service.anonymous.post(pathOf(linkIn(mail.parsed.text, '/v1/subscribers/confirm')!));
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Subscription confirmed');
  }

  function subscribePush(path: string, keys: BrowserKeys, preferences: Record<string, unknown>) {
    return service.anonymous.post<{ id: string; managementToken: string }>('/v1/push-subscriptions', {
      subscription: { endpoint: `${push.baseUrl}${path}`, expirationTime: null, keys: { p256dh: keys.p256dh, auth: keys.auth.toString('base64url') } },
      ...preferences,
    });
  }

  function publishedEvent(articleId: string, overrides: Partial<ArticlePublishedData> = {}) {
    return createEvent(
      EVENT_TYPES.articlePublished,
      {
        articleId,
        revision: 1,
        slug: 'budget-passes',
        url: `${SITE}/articles/${articleId}`,
        headline: 'Budget <b>passes</b> & "wins"',
        standfirst: 'The vote was <script>close</script>: 226 to 224.',
        section: 'politics',
        tags: ['budget'],
        language: 'en',
        bylines: [{ name: 'Ann Reporter' }],
        priority: 'breaking',
        publishedAt: new Date().toISOString(),
        ...overrides,
      },
      { subject: articleId },
    );
  }

  const produce = async (...events: NewsroomEvent[]) => {
    for (const event of events) await bus.produce(TOPICS.publishing, event);
  };
  const deliveryLog = (articleId: string) => service.as('editor', 'editor-1').get<DeliveriesBody>(`/v1/deliveries?articleId=${articleId}`);
  /** Every delivery of the article has reached an outcome: nothing more will be sent for it. */
  const settled = (articleId: string) =>
    eventually(`the deliveries of ${articleId} to settle`, async () => {
      const { body } = await deliveryLog(articleId);
      return body.counts.total > 0 && body.counts.pending + body.counts.sending === 0 ? body : undefined;
    });

  const alice = 'alice@example.com';
  const bob = 'bob@example.com';
  const carol = 'carol@example.com';
  const dave = 'dave@example.com';
  const articleId = randomUUID();
  const goodBrowser = browserKeys();
  const goneBrowser = browserKeys();

  it('signs subscribers up with double opt-in and answers the same for known and unknown addresses', async () => {
    await subscribeAndConfirm(alice, { sections: ['Politics'] });
    await subscribeAndConfirm(carol, { sections: ['sport'] });
    await subscribeAndConfirm(dave, { tags: ['economy'] });

    // Link emails are limited to one a minute per address; let that minute pass for alice.
    await service.sql(`UPDATE subscribers SET link_sent_at = now() - interval '2 minutes' WHERE lower(email) = $1`, [alice]);
    const pending = await service.anonymous.post('/v1/subscribers', { email: bob, sections: ['politics'] });
    const again = await service.anonymous.post('/v1/subscribers', { email: 'ALICE@example.com', sections: ['sport'] });
    expect([pending.status, again.status]).toEqual([202, 202]);
    expect(again.body).toEqual(pending.body);

    // A confirmed address keeps its preferences; its owner is sent a link to manage them.
    const manage = await eventually('manage-preferences email', () => smtp.mailsTo(alice, /preferences/)[0]);
    expect(linkIn(manage.parsed.text, '/preferences')).toBeDefined();
    expect(await service.sql(`SELECT status, sections FROM subscribers WHERE lower(email) = $1`, [alice])).toEqual([{ status: 'confirmed', sections: ['politics'] }]);

    const invalid = await service.anonymous.post<{ error: { code: string } }>('/v1/subscribers', { email: 'someone@example.com' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('SUBSCRIBER.NO_INTERESTS');
  });

  it('registers web push subscriptions, active at once; the same endpoint again updates it', async () => {
    const key = await service.anonymous.get<{ publicKey: string }>('/v1/push/vapid-public-key');
    expect(key.body.publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);

    const first = await subscribePush('/push/good', goodBrowser, { sections: ['sport'] });
    expect(first.status).toBe(201);
    const second = await subscribePush('/push/good', goodBrowser, { sections: ['politics'], tags: ['budget'] });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);

    expect((await subscribePush('/gone/1', goneBrowser, { sections: ['politics'] })).status).toBe(201);
    const insecure = await service.anonymous.post<{ error: { code: string } }>('/v1/push-subscriptions', {
      subscription: { endpoint: 'http://push.example/x', keys: { p256dh: goodBrowser.p256dh, auth: goodBrowser.auth.toString('base64url') } },
      sections: ['politics'],
    });
    expect(insecure.status).toBe(400);
    expect(insecure.body.error.code).toBe('PUSH.INVALID_ENDPOINT');
  });

  it('alerts each matching recipient exactly once per channel, even when the event arrives twice', async () => {
    const event = publishedEvent(articleId);
    // The same event twice, then an update of the article: the same key, so it is applied after both copies.
    const update = createEvent(EVENT_TYPES.articleUpdated, { ...event.data, updatedAt: new Date().toISOString() }, { subject: articleId });
    await produce(event, event, update);
    await service.handled(update.id);
    await settled(articleId);

    expect(smtp.mailsTo(alice, /Budget/)).toHaveLength(1);
    expect(smtp.mailsTo(bob, /Budget/)).toHaveLength(0); // pending
    expect(smtp.mailsTo(carol, /Budget/)).toHaveLength(0); // another section
    expect(smtp.mailsTo(dave, /Budget/)).toHaveLength(0); // another tag
    expect(push.pushesTo('/push/good')).toHaveLength(1);
    expect(push.pushesTo('/gone/1')).toHaveLength(1);

    // The email: subject, escaped HTML, plain text, one-click unsubscribe headers.
    const [mail] = smtp.mailsTo(alice, /Budget/);
    expect(mail.parsed.subject).toBe('Breaking: Budget <b>passes</b> & "wins"');
    const html = String(mail.parsed.html);
    expect(html).toContain('Budget &lt;b&gt;passes&lt;/b&gt; &amp; &quot;wins&quot;');
    expect(html).not.toContain('<script>');
    // the story's words in the article's language (from the event), the alert's own in English
    expect(html).toMatch(/<div lang="en" dir="ltr"[^>]*>\s*<h1/);
    expect(html).toContain(`href="${SITE}/articles/${articleId}"`);
    expect(mail.parsed.text).toContain('The vote was <script>close</script>: 226 to 224.');
    expect(headerOf(mail, 'list-unsubscribe')).toMatch(new RegExp(`^<${PUBLIC_BASE_URL}/unsubscribe\\?token=[\\w.-]+>$`));
    expect(headerOf(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(headerOf(mail, 'list-id')).toBe(`Newsroom alerts <alerts.${new URL(PUBLIC_BASE_URL).hostname}>`);
    expect(headerOf(mail, 'auto-submitted')).toBe('auto-generated');
    expect(headerOf(mail, 'precedence')).toBe('bulk');

    // The push: VAPID-signed, urgent, encrypted (aes128gcm) for this browser only.
    const [pushed] = push.pushesTo('/push/good');
    expect(pushed.headers).toMatchObject({
      'content-encoding': 'aes128gcm',
      urgency: 'high',
      ttl: '3600',
      // RFC 8030 §5.4: one topic per story (its id's 16 bytes in base64url), so a newer message about it replaces a queued one.
      topic: Buffer.from(articleId.replace(/-/g, ''), 'hex').toString('base64url'),
      authorization: expect.stringMatching(/^vapid t=.+, k=.+/),
    });
    expect(decryptPush(pushed, goodBrowser)).toEqual({
      title: 'Breaking: Budget <b>passes</b> & "wins"',
      body: 'The vote was <script>close</script>: 226 to 224.',
      url: `${SITE}/articles/${articleId}`,
      tag: articleId,
      // the story's language, for the notification the service worker shows
      lang: 'en',
      dir: 'ltr',
    });

    // 410 Gone from the push service ends that subscription.
    expect(await service.sql(`SELECT active, deactivated_reason FROM push_subscriptions WHERE endpoint = $1`, [`${push.baseUrl}/gone/1`])).toEqual([
      { active: false, deactivated_reason: expect.stringMatching(/410/) },
    ]);
  });

  it('follows a sent alert with its correction — the push again under the same Topic, one correction e-mail — and an update with nothing', async () => {
    const [erin, frank] = ['erin@example.com', 'frank@example.com'];
    const cultureBrowser = browserKeys();
    await subscribeAndConfirm(erin, { sections: ['culture'] });
    expect((await subscribePush('/push/culture', cultureBrowser, { sections: ['culture'] })).status).toBe(201);
    const story = randomUUID();
    const storyTopic = Buffer.from(story.replace(/-/g, ''), 'hex').toString('base64url');
    const published = publishedEvent(story, { section: 'culture', tags: ['harbour'], headline: 'Harbour toll scrapped' });
    await produce(published);
    await service.handled(published.id);
    await settled(story);
    expect(smtp.mailsTo(erin, /Harbour toll/)).toHaveLength(1);
    // Followed the section after the alert went out: the correction is not theirs either.
    await subscribeAndConfirm(frank, { sections: ['culture'] });

    const note = 'An earlier version said the toll was scrapped; it was halved.';
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    const update = createEvent(EVENT_TYPES.articleUpdated, { ...published.data, revision: 2, headline: 'Harbour toll scrapped from May', updatedAt: later(1) }, { subject: story });
    const correction = createEvent(
      EVENT_TYPES.articleCorrected,
      { ...published.data, revision: 2, headline: 'Harbour toll halved', correctionNote: note, correctedAt: later(2) },
      { subject: story },
    );
    await produce(update, correction);
    await service.handled(correction.id);
    await settled(story);

    // E-mail: the alert, then one correction; nothing for the update, nothing for whom the alert never reached.
    const mails = smtp.mailsTo(erin, /Harbour toll/);
    expect(mails.map((mail) => mail.parsed.subject)).toEqual(['Breaking: Harbour toll scrapped', 'Correction: Harbour toll halved']);
    const correctionMail = mails[1];
    expect(correctionMail.parsed.text).toContain(note);
    expect(String(correctionMail.parsed.html)).toContain(`href="${SITE}/articles/${story}"`);
    expect(headerOf(correctionMail, 'list-unsubscribe')).toMatch(new RegExp(`^<${PUBLIC_BASE_URL}/unsubscribe\\?token=[\\w.-]+>$`));
    expect(headerOf(correctionMail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(smtp.mailsTo(frank, /Harbour/)).toHaveLength(0);

    // Push: the story's one Topic twice, the second with the corrected title, so it replaces the first.
    const pushes = push.pushesTo('/push/culture');
    expect(pushes.map((pushed) => pushed.headers.topic)).toEqual([storyTopic, storyTopic]);
    expect(pushes.map((pushed) => decryptPush(pushed, cultureBrowser))).toEqual([
      expect.objectContaining({ title: 'Breaking: Harbour toll scrapped', tag: story }),
      expect.objectContaining({ title: 'Breaking: Harbour toll halved', tag: story }),
    ]);
  });

  it('shows editors every delivery of the article with masked recipients, statuses and attempts', async () => {
    const { status, body } = await deliveryLog(articleId);
    expect(status).toBe(200);
    expect(body.counts).toEqual({ total: 3, pending: 0, sending: 0, sent: 2, failed: 1, cancelled: 0, unknown: 0 });
    const pushHost = new URL(push.baseUrl).host;
    expect(body.deliveries.map((d) => `${d.channel} ${d.recipient}`).sort()).toEqual(['email a•••@example.com', `push ${pushHost}`, `push ${pushHost}`]);
    const email = body.deliveries.find((d) => d.channel === 'email')!;
    expect(email).toMatchObject({ status: 'sent', attempts: 1, lastResponseCode: 250 });
    expect(email.attemptLog).toEqual([expect.objectContaining({ attempt: 1, outcome: 'sent', responseCode: 250, error: null })]);
    expect(body.deliveries.filter((d) => d.channel === 'push').map((d) => [d.status, d.lastResponseCode]).sort()).toEqual([
      ['failed', 410],
      ['sent', 201],
    ]);
    expect(JSON.stringify(body)).not.toContain('alice@');
    expect(JSON.stringify(body)).not.toContain('/push/good');

    expect((await service.as('editor', 'editor-1').get('/v1/deliveries?articleId=not-a-uuid')).status).toBe(400);
    expect((await service.as('reporter', 'reporter-1').get(`/v1/deliveries?articleId=${articleId}`)).status).toBe(403);
    expect((await service.anonymous.get(`/v1/deliveries?articleId=${articleId}`)).status).toBe(401);
  });

  it('retries a deferred email later, and cancels it when the article is withdrawn first', async () => {
    smtp.defer(dave);
    const economy = randomUUID();
    await produce(publishedEvent(economy, { section: 'business', tags: ['economy'], priority: 'normal', headline: 'Rates held' }));
    const retry = await eventually('the deferred delivery to be rescheduled', async () => {
      const [row] = await service.sql<{ status: string; attempts: number; next_attempt_at: Date }>(`SELECT status, attempts, next_attempt_at FROM deliveries WHERE article_id = $1`, [economy]);
      return row?.attempts === 1 && row.status === 'pending' ? row : undefined;
    });
    expect(retry.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect((await deliveryLog(economy)).body.deliveries[0].attemptLog).toEqual([expect.objectContaining({ outcome: 'retry', responseCode: 451 })]);

    const unpublished = createEvent(EVENT_TYPES.articleUnpublished, { articleId: economy, reason: 'Legal', editorId: 'editor-1', unpublishedAt: new Date().toISOString() }, { subject: economy });
    await produce(unpublished);
    await service.handled(unpublished.id);
    expect((await deliveryLog(economy)).body.counts).toMatchObject({ cancelled: 1, pending: 0 });
    smtp.allow(dave);
  });

  it('after a restart sends nothing twice, and re-sends a delivery interrupted mid-send with its own stable Message-ID', async () => {
    // A delivery a crashed worker left in `sending`: whether it went out is unknown.
    const interrupted = randomUUID();
    await service.sql(`INSERT INTO article_alerts (article_id, revision, headline, url, section, priority, published_at) VALUES ($1, 1, 'Crash', $2, 'politics', 'normal', now())`, [
      interrupted,
      `${SITE}/articles/crash`,
    ]);
    const [subscriber] = await service.sql<{ id: string }>(`SELECT id FROM subscribers WHERE lower(email) = $1`, [alice]);
    await service.sql(`INSERT INTO deliveries (article_id, channel, subscriber_id, status, attempts, claimed_by, claimed_at) VALUES ($1, 'email', $2, 'sending', 1, $3, now())`, [
      interrupted,
      subscriber.id,
      randomUUID(),
    ]);

    await service.restart();

    const crashLog = await eventually('the interrupted delivery to be re-sent', async () => {
      const { body } = await deliveryLog(interrupted);
      return body.counts.sent === 1 ? body : undefined;
    });
    expect(crashLog.deliveries[0].attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'unknown', error: expect.stringContaining('re-sent') }),
      expect.objectContaining({ attempt: 2, outcome: 'sent' }),
    ]);
    const [crashMail] = smtp.mailsTo(alice, /Crash/);
    const [crashDelivery] = await service.sql<{ id: string }>(`SELECT id::text FROM deliveries WHERE article_id = $1`, [interrupted]);
    expect(crashMail.parsed.messageId).toMatch(new RegExp(`^<delivery-${crashDelivery.id}@[a-z0-9.-]+>$`));

    // The same event redelivered, and a second publication event of the same article.
    const republished = publishedEvent(articleId, { revision: 2 });
    await produce(publishedEvent(articleId), republished);
    await service.handled(republished.id);
    expect((await settled(articleId)).counts.total).toBe(3);
    expect(smtp.mailsTo(alice, /Budget/)).toHaveLength(1);
    expect(smtp.mailsTo(alice, /Crash/)).toHaveLength(1);
    expect(push.pushesTo('/push/good')).toHaveLength(1);
  });

  it('serves the preference page behind the manage link, and saves the form', async () => {
    const [mail] = smtp.mailsTo(alice, /Budget/);
    const preferencesPath = pathOf(linkIn(mail.parsed.text, '/preferences')!);

    const page = await service.anonymous.get(preferencesPath);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.text).toContain('value="politics"');

    const saved = await service.anonymous.post(preferencesPath, undefined, {
      raw: 'sections=politics%2C+business&tags=&breakingOnly=on',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Your preferences are saved.');
    expect(await service.sql(`SELECT sections, breaking_only FROM subscribers WHERE lower(email) = $1`, [alice])).toEqual([{ sections: ['business', 'politics'], breaking_only: true }]);
    // Back to every politics story, so that the next test shows unsubscribing (not breakingOnly) stops them.
    const restored = await service.anonymous.post(preferencesPath, undefined, { raw: 'sections=politics', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(restored.status).toBe(200);
  });

  it('names a followed tag as the site\'s stories typed it (Київ for kiyiv) on the preference page, and reads those words back as the tag', async () => {
    const [mail] = smtp.mailsTo(alice, /Budget/);
    const preferencesPath = pathOf(linkIn(mail.parsed.text, '/preferences')!);
    const form = (raw: string) => service.anonymous.post(preferencesPath, undefined, { raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await form('sections=politics&tags=kiyiv')).status).toBe(200);
    // Before any story typed it otherwise, the tag is its slug.
    expect((await service.anonymous.get(preferencesPath)).text).toContain('name="tags" value="kiyiv"');

    const storyId = randomUUID();
    await produce(publishedEvent(storyId, { section: 'science', tags: ['kiyiv'], tagLabels: { kiyiv: 'Київ' }, priority: 'normal', headline: 'Night trams return to Kyiv' }));
    await eventually('the tag\'s words kept', async () => ((await service.sql(`SELECT name FROM tag_names WHERE tag = 'kiyiv'`)).length === 1 ? true : undefined));
    const page = (await service.anonymous.get(preferencesPath)).text;
    expect(page).toContain('name="tags" value="Київ"');
    expect(page).toContain('tagged Київ');
    // Saved as shown: the words are read back as the tag they name.
    const saved = await form(`sections=politics&tags=${encodeURIComponent('Київ')}`);
    expect([saved.status, saved.text.includes('Your preferences are saved.')]).toEqual([200, true]);
    expect(await service.sql(`SELECT tags FROM subscribers WHERE lower(email) = $1`, [alice])).toEqual([{ tags: ['kiyiv'] }]);
    expect((await form('sections=politics&tags=')).status).toBe(200);
    // A new reader's confirmation e-mail names the tag so too.
    const reader = 'kyiv.reader@example.com';
    expect((await service.anonymous.post('/v1/subscribers', { email: reader, tags: ['kiyiv'] })).status).toBe(202);
    const confirmation = await eventually('the confirmation e-mail', () => smtp.mailsTo(reader, /Confirm/)[0]);
    expect(confirmation.parsed.text).toContain('You asked for: every story tagged Київ.');
  });

  it('unsubscribes with one click (RFC 8058) and stops alerts', async () => {
    const [mail] = smtp.mailsTo(alice, /Budget/);
    const unsubscribePath = pathOf(/<([^>]+)>/.exec(headerOf(mail, 'list-unsubscribe') ?? '')![1]);
    const oneClick = { raw: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } };

    const page = await service.anonymous.get(unsubscribePath);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<button type="submit">Unsubscribe</button>');
    // Showing the page changes nothing: link scanners follow GET links.
    expect(await service.sql(`SELECT status FROM subscribers WHERE lower(email) = $1`, [alice])).toEqual([{ status: 'confirmed' }]);

    expect((await service.anonymous.post(unsubscribePath, undefined, oneClick)).status).toBe(200);
    expect(await service.sql(`SELECT status FROM subscribers WHERE lower(email) = $1`, [alice])).toEqual([{ status: 'unsubscribed' }]);
    expect((await service.anonymous.post(unsubscribePath, undefined, oneClick)).status).toBe(200);
    // "The body is not read": whatever a mail provider sends, the answer is the same
    const oddBodies = [
      { raw: Buffer.from([0x4c, 0xff, 0xfe]), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { raw: '{"List-Unsubscribe":', headers: { 'content-type': 'application/json' } },
      { raw: `List-Unsubscribe=One-Click&pad=${'x'.repeat(64 * 1024)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { raw: 'List-Unsubscribe=One-Click\u0000', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ];
    for (const body of oddBodies) {
      const answer = await service.anonymous.post(unsubscribePath, undefined, body);
      expect([answer.status, answer.text.includes('Already done')]).toEqual([200, true]);
    }
    // ...and on the other spellings of the path Express routes to the same page (any case, a trailing
    // slash); one body each, as the link's own limit counts every one-click POST
    for (const path of [unsubscribePath.replace('/unsubscribe?', '/unsubscribe/?'), unsubscribePath.replace('/unsubscribe?', '/UnSubscribe/?')]) {
      const answer = await service.anonymous.post(path, undefined, oddBodies[0]);
      expect([path, answer.status, answer.text.includes('Already done')]).toEqual([path, 200, true]);
    }
    // the path's other routes are not affected
    expect((await service.anonymous.post<{ error: { code: string } }>('/unsubscribe/x', undefined, { raw: '{"a":', headers: { 'content-type': 'application/json' } })).status).toBe(400);

    const tampered = await service.anonymous.post<{ error: { code: string } }>(
      unsubscribePath.replace(/token=v1\.(.)/, (_m, c: string) => `token=v1.${c === 'e' ? 'f' : 'e'}`),
      undefined,
      { headers: { accept: 'application/json' } },
    );
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('LINK.INVALID');

    const next = randomUUID();
    await produce(publishedEvent(next, { headline: 'Second story', priority: 'normal' }));
    expect((await settled(next)).counts).toMatchObject({ total: 1, sent: 1 });
    expect(push.pushesTo('/push/good')).toHaveLength(2);
    expect(smtp.mailsTo(alice, /Second story/)).toHaveLength(0);
  });

  it('cancels the alerts not sent yet when the story is killed, and stays quiet when its publication comes again', async () => {
    smtp.defer(dave);
    const story = randomUUID();
    const published = publishedEvent(story, { section: 'business', tags: ['economy'], priority: 'normal', headline: 'Mill to close' });
    await produce(published);
    await eventually('the deferred delivery to be rescheduled', async () => {
      const [row] = await service.sql<{ status: string; attempts: number }>(`SELECT status, attempts FROM deliveries WHERE article_id = $1`, [story]);
      return row?.attempts === 1 && row.status === 'pending' ? row : undefined;
    });

    const killed = createEvent(EVENT_TYPES.articleKilled, { articleId: story, editorId: 'editor-1', killedAt: new Date().toISOString() }, { subject: story });
    await produce(killed);
    await service.handled(killed.id);
    expect(await service.sql(`SELECT status, last_error FROM deliveries WHERE article_id = $1`, [story])).toEqual([
      { status: 'cancelled', last_error: 'article killed before the alert was sent' },
    ]);

    // The same publication under a new event id (a replay from the dead-letter tool): nothing new is queued.
    const replayed = { ...published, id: randomUUID() };
    await produce(replayed);
    await service.handled(replayed.id);
    expect((await deliveryLog(story)).body.counts).toMatchObject({ total: 1, cancelled: 1, pending: 0 });
    smtp.allow(dave);
  });

  it('dead-letters an updated event whose URL is off the site, before any effect', async () => {
    const story = randomUUID();
    const forged = createEvent(
      EVENT_TYPES.articleUpdated,
      { ...publishedEvent(story, { url: 'https://evil.example/login', headline: 'Your account is locked' }).data, revision: 2, updatedAt: new Date().toISOString() },
      { subject: story },
    );
    await produce(forged);

    const dead = await eventually('the forged update on the dead-letter topic', () => deadLetters.find((message) => message.event?.id === forged.id));
    expect(dead.headers[DLQ_HEADERS.error]).toMatch(/^ALERT\.OFF_SITE_URL: .*https:\/\/evil\.example\/login/);
    expect(await service.sql(`SELECT 1 FROM inbox WHERE event_id = $1`, [forged.id])).toEqual([]);
  });

  it('dead-letters a published event whose URL is off the site, and alerts nobody', async () => {
    const forgedArticle = randomUUID();
    const forged = publishedEvent(forgedArticle, { url: 'https://evil.example/login', headline: 'Your account is locked', priority: 'breaking' });
    await produce(forged);

    const dead = await eventually('the forged event on the dead-letter topic', () => deadLetters.find((message) => message.event?.id === forged.id));
    expect(dead.headers[DLQ_HEADERS.error]).toMatch(/^ALERT\.OFF_SITE_URL: .*https:\/\/evil\.example\/login.*https:\/\/news\.example\.test/);
    expect(dead.headers[DLQ_HEADERS.sourceTopic]).toBe(TOPICS.publishing);
    // Refused before any effect: nothing stored, nothing queued, the event not marked as handled.
    expect(await service.sql(`SELECT 1 FROM article_alerts WHERE article_id = $1`, [forgedArticle])).toEqual([]);
    expect(await service.sql(`SELECT 1 FROM deliveries WHERE article_id = $1`, [forgedArticle])).toEqual([]);
    expect(await service.sql(`SELECT 1 FROM inbox WHERE event_id = $1`, [forged.id])).toEqual([]);
    expect(smtp.mails.filter((m) => /locked/.test(m.parsed.subject ?? ''))).toEqual([]);
  });

  it.each(LOCAL_NETWORK_ENDPOINTS)('refuses a push endpoint off the allowed push services: %s', async (endpoint) => {
    const keys = browserKeys();
    const refused = await service.anonymous.post<{ error: { code: string } }>('/v1/push-subscriptions', {
      subscription: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth.toString('base64url') } },
      sections: ['politics'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('PUSH.SERVICE_NOT_ALLOWED');
    expect(await service.sql(`SELECT 1 FROM push_subscriptions WHERE endpoint = $1`, [endpoint])).toEqual([]);
  });

  it('never connects to an endpoint stored before the check, and logs only a code for it', async () => {
    // A listener standing for any internal port: it counts connections and answers with a banner.
    let connections = 0;
    const internal: TcpServer = createTcpServer((socket) => {
      connections += 1;
      socket.end('SSH-2.0-OpenSSH_9.6 internal\r\n');
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    const stored = [`https://127.0.0.1:${(internal.address() as { port: number }).port}/`, 'https://localhost/push', 'https://169.254.169.254/latest/'];
    try {
      const keys = browserKeys();
      for (const endpoint of stored) {
        await service.sql(`INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, sections) VALUES ($1, $2, $3, $4, '{harbour}')`, [
          randomUUID(),
          endpoint,
          keys.p256dh,
          keys.auth.toString('base64url'),
        ]);
      }
      const story = randomUUID();
      await produce(publishedEvent(story, { section: 'harbour', tags: [], headline: 'Ferry times change', priority: 'normal' }));

      const log = await settled(story);
      expect(log.counts).toMatchObject({ total: 3, failed: 3 });
      expect(log.deliveries.flatMap((d) => d.attemptLog.map((a) => [a.outcome, a.responseCode, a.error]))).toEqual([
        ['failed', null, 'PUSH.SERVICE_NOT_ALLOWED'],
        ['failed', null, 'PUSH.SERVICE_NOT_ALLOWED'],
        ['failed', null, 'PUSH.SERVICE_NOT_ALLOWED'],
      ]);
      expect(JSON.stringify(log)).not.toContain('SSH-2.0');
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => internal.close(() => resolve()));
    }
  });

  it("moves a browser's subscription to the endpoint its push service rotated it to: the next alert goes there", async () => {
    const before = browserKeys();
    const after = browserKeys();
    expect((await subscribePush('/push/rotating', before, { sections: ['culture'] })).status).toBe(201);
    const replacement = (oldAuth: string) => ({
      oldEndpoint: `${push.baseUrl}/push/rotating`,
      oldAuth,
      subscription: { endpoint: `${push.baseUrl}/push/rotated`, expirationTime: null, keys: { p256dh: after.p256dh, auth: after.auth.toString('base64url') } },
    });
    type Replaced = { id: string; outcome: string; preferencesUrl: string; error?: { code: string } };

    const preflight = await service.anonymous.request('OPTIONS', '/v1/push-subscriptions/replacements', undefined, {
      headers: { origin: SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    const replaced = await service.anonymous.post<Replaced>('/v1/push-subscriptions/replacements', replacement(before.auth.toString('base64url')), { headers: { origin: SITE } });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(replaced.body).toMatchObject({ outcome: 'replaced', preferencesUrl: expect.stringContaining(`${PUBLIC_BASE_URL}/preferences?token=`) });
    const again = await service.anonymous.post<Replaced>('/v1/push-subscriptions/replacements', replacement(before.auth.toString('base64url')));
    expect(again.body).toMatchObject({ id: replaced.body.id, outcome: 'already' });

    // A wrong secret for the old endpoint, and a new subscription nobody registered: nothing proves anything.
    const elsewhere = browserKeys();
    const forged = await service.anonymous.post<Replaced>('/v1/push-subscriptions/replacements', {
      ...replacement(browserKeys().auth.toString('base64url')),
      subscription: { endpoint: `${push.baseUrl}/push/forged`, expirationTime: null, keys: { p256dh: elsewhere.p256dh, auth: elsewhere.auth.toString('base64url') } },
    });
    expect([forged.status, forged.body.error?.code]).toEqual([404, 'PUSH.UNKNOWN_SUBSCRIPTION']);
    const incomplete = await service.anonymous.post<Replaced>('/v1/push-subscriptions/replacements', { oldEndpoint: `${push.baseUrl}/push/rotating` });
    expect([incomplete.status, incomplete.body.error?.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);

    const story = randomUUID();
    await produce(publishedEvent(story, { section: 'culture', tags: [], headline: 'Gallery reopens', priority: 'normal' }));
    await settled(story);
    expect(push.pushesTo('/push/rotating')).toHaveLength(0);
    const [pushed] = push.pushesTo('/push/rotated');
    expect(decryptPush(pushed, after)).toMatchObject({ title: 'Gallery reopens', tag: story });
  });

  it("tells the site's page where the browser's subscription stands, and only to the browser that holds it", async () => {
    const keys = browserKeys();
    const created = await subscribePush('/push/checked', keys, { sections: ['culture'] });
    expect(created.status).toBe(201);
    const held = { endpoint: `${push.baseUrl}/push/checked`, auth: keys.auth.toString('base64url') };
    type Status = { id: string; status: string; preferencesUrl?: string; error?: { code: string } };

    const preflight = await service.anonymous.request('OPTIONS', '/v1/push-subscriptions/status', undefined, {
      headers: { origin: SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    const active = await service.anonymous.post<Status>('/v1/push-subscriptions/status', held, { headers: { origin: SITE } });
    expect([active.status, active.headers.get('access-control-allow-origin'), active.headers.get('cache-control')]).toEqual([200, SITE, 'no-store']);
    expect(active.body).toMatchObject({ status: 'active', preferencesUrl: expect.stringContaining(`${PUBLIC_BASE_URL}/preferences?token=`) });

    // The reader stops them on the preference page (its button posts to /unsubscribe).
    const token = new URL(active.body.preferencesUrl!).searchParams.get('token')!;
    const stopped = await service.anonymous.request('POST', `/unsubscribe?token=${encodeURIComponent(token)}`, undefined, {
      raw: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(stopped.status).toBe(200);
    const after = await service.anonymous.post<Status>('/v1/push-subscriptions/status', held);
    expect(after.body).toEqual({ id: active.body.id, status: 'stopped' });

    const forged = await service.anonymous.post<Status>('/v1/push-subscriptions/status', { ...held, auth: browserKeys().auth.toString('base64url') });
    expect([forged.status, forged.body.error?.code]).toEqual([404, 'PUSH.UNKNOWN_SUBSCRIPTION']);
    const incomplete = await service.anonymous.post<Status>('/v1/push-subscriptions/status', { endpoint: held.endpoint });
    expect([incomplete.status, incomplete.body.error?.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
  });
});
