import { createECDH, randomBytes, randomUUID, type ECDH } from 'node:crypto';
import { Agent, createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { Client } from 'pg';
import { generate as generateCertificate } from 'selfsigned';
import { SMTPServer } from 'smtp-server';
import webpush from 'web-push';
import { issueToken } from '@newsroom/auth';
import { createEvent, EVENT_TYPES, TOPICS, type ArticlePublishedData, type NewsroomEvent } from '@newsroom/contracts';
import { bootstrapService } from '@newsroom/platform';
import { createTestDatabase, freePort, startLocalBroker, type LocalBroker, type TestDatabase } from '@newsroom/testing';
import { AppModule } from './app.module';
import { loadNotificationsConfig } from './config/notifications.config';

// http_ece ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require('http_ece') as { decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: Buffer }): Buffer };

const JWT_SECRET = 'integration-test-secret-123';
const EDITOR = issueToken({ id: 'editor-1', roles: ['editor'] }, JWT_SECRET);
const REPORTER = issueToken({ id: 'reporter-1', roles: ['reporter'] }, JWT_SECRET);

interface ReceivedMail {
  to: string;
  rcpt: string;
  parsed: ParsedMail;
}

interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

interface DeliveryRow {
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  lastResponseCode: number | null;
  attemptLog: { attempt: number; outcome: string; responseCode: number | null; error: string | null }[];
}

interface DeliveriesBody {
  counts: Record<string, number>;
  deliveries: DeliveryRow[];
}

interface BrowserKeys {
  ecdh: ECDH;
  auth: Buffer;
  p256dh: string;
}

/** Polls until `check` returns a value other than undefined/false, or fails with `what`. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notifications service (PostgreSQL, local broker, SMTP server, HTTPS push service)', () => {
  jest.setTimeout(90_000);

  let broker: LocalBroker;
  let db: TestDatabase;
  let sql: Client;
  let smtp: SMTPServer;
  let pushService: HttpsServer;
  let producer: Producer;
  let app: INestApplication | undefined;
  let baseUrl: string;
  let pushBase: string;
  let pushAgent: Agent;
  let startApp: () => Promise<void>;

  const mails: ReceivedMail[] = [];
  const pushes: ReceivedPush[] = [];
  /** Recipients the SMTP server answers 451 (try again later). */
  const deferredRecipients = new Set<string>();

  const mailsTo = (address: string, subject?: RegExp) =>
    mails.filter((m) => m.rcpt === address.toLowerCase() && (!subject || subject.test(m.parsed.subject ?? '')));
  const pushesTo = (path: string) => pushes.filter((p) => p.path === path);

  beforeAll(async () => {
    [broker, db] = await Promise.all([startLocalBroker(), createTestDatabase('notifications_it')]);

    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (deferredRecipients.has(address.address.toLowerCase())) {
          const error = Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 });
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          simpleParser(Buffer.concat(chunks))
            .then((parsed) => {
              for (const rcpt of session.envelope.rcptTo) mails.push({ to: parsed.to ? JSON.stringify(parsed.to) : '', rcpt: rcpt.address.toLowerCase(), parsed });
              callback();
            })
            .catch(callback);
        });
      },
    });
    const smtpPort = await freePort();
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

    const certificate = await generateCertificate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ],
    });
    pushService = createHttpsServer({ key: certificate.private, cert: certificate.cert }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        pushes.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
        // A browser that unsubscribed: the push service answers 410 Gone.
        response.writeHead(request.url?.startsWith('/gone/') ? 410 : 201).end();
      });
    });
    await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
    pushBase = `https://127.0.0.1:${(pushService.address() as AddressInfo).port}`;
    pushAgent = new Agent({ ca: certificate.cert });

    const vapid = webpush.generateVAPIDKeys();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const config = loadNotificationsConfig({
      PORT: String(port),
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.brokers.join(','),
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      PUBLIC_BASE_URL: baseUrl,
      PUBLIC_SITE_URL: 'https://news.example',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'Newsroom Alerts <alerts@newsroom.test>',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:alerts@newsroom.test',
      SUBSCRIBER_LINK_SECRET: 'integration-subscriber-link-secret',
    });
    startApp = async () => {
      app = await bootstrapService(AppModule.register(config, { pushHttpsAgent: pushAgent }), {
        title: 'notifications',
        description: 'integration test',
        consumesEvents: true,
      });
    };
    await startApp();

    sql = new Client({ connectionString: db.url });
    await sql.connect();
    await sql.query('SET search_path TO notifications');

    producer = new Kafka({ clientId: 'notifications-it', brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect().catch(() => undefined);
    await app?.close();
    await sql?.end().catch(() => undefined);
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (pushService ? pushService.close(() => resolve()) : resolve()));
    pushAgent?.destroy();
    await broker?.stop();
    await db?.drop();
  }, 60_000);

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  async function subscribeAndConfirm(email: string, preferences: Record<string, unknown>): Promise<void> {
    const before = mailsTo(email, /Confirm/).length;
    const response = await post('/v1/subscribers', { email, ...preferences });
    expect(response.status).toBe(202);
    const mail = await waitFor(`confirmation email to ${email}`, () => mailsTo(email, /Confirm/)[before]);
    const link = /(http:\/\/\S+\/v1\/subscribers\/confirm\?token=[\w.-]+)/.exec(mail.parsed.text ?? '')?.[1];
    expect(link).toBeDefined();
    const confirmed = await fetch(link!);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Subscription confirmed');
  }

  function browserKeys(): BrowserKeys {
    const ecdh = createECDH('prime256v1');
    const p256dh = ecdh.generateKeys().toString('base64url');
    return { ecdh, auth: randomBytes(16), p256dh };
  }

  async function subscribePush(path: string, keys: BrowserKeys, preferences: Record<string, unknown>) {
    return post('/v1/push-subscriptions', {
      subscription: { endpoint: `${pushBase}${path}`, expirationTime: null, keys: { p256dh: keys.p256dh, auth: keys.auth.toString('base64url') } },
      ...preferences,
    });
  }

  function publishedEvent(articleId: string, overrides: Partial<ArticlePublishedData> = {}, eventId?: string) {
    return createEvent(
      EVENT_TYPES.articlePublished,
      {
        articleId,
        revision: 1,
        slug: 'budget-passes',
        url: `https://news.example/articles/${articleId}`,
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
      { subject: articleId, id: eventId },
    );
  }

  async function produce(...events: NewsroomEvent[]): Promise<void> {
    await producer.send({
      topic: TOPICS.publishing,
      acks: -1,
      messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });
  }

  /** The consumer recorded these events (the effects committed in the same transaction). */
  async function waitUntilConsumed(...eventIds: string[]): Promise<void> {
    await waitFor(`events ${eventIds.join(', ')} to be consumed`, async () => {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1::uuid[])`, [eventIds]);
      return rows[0].n === eventIds.length;
    }, 30_000);
  }

  async function deliveries(articleId: string, token = EDITOR) {
    const response = await fetch(`${baseUrl}/v1/deliveries?articleId=${articleId}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as DeliveriesBody };
  }

  const alice = 'alice@example.com';
  const bob = 'bob@example.com';
  const carol = 'carol@example.com';
  const dave = 'dave@example.com';
  const articleId = randomUUID();
  const goodBrowser = browserKeys();
  const goneBrowser = browserKeys();
  let pushId: string;

  it('signs subscribers up with double opt-in and answers the same for known and unknown addresses', async () => {
    await subscribeAndConfirm(alice, { sections: ['Politics'] });
    await subscribeAndConfirm(carol, { sections: ['sport'] });
    await subscribeAndConfirm(dave, { tags: ['economy'] });

    // Link emails are limited to one a minute per address; let that minute pass for alice.
    await sql.query(`UPDATE subscribers SET link_sent_at = now() - interval '2 minutes' WHERE lower(email) = $1`, [alice]);
    const pending = await post('/v1/subscribers', { email: bob, sections: ['politics'] });
    const again = await post('/v1/subscribers', { email: 'ALICE@example.com', sections: ['sport'] });
    expect(pending.status).toBe(202);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(await pending.json());

    // A confirmed address keeps its preferences; its owner is sent a link to manage them.
    const manage = await waitFor('manage-preferences email', () => mailsTo(alice, /preferences/)[0]);
    expect(manage.parsed.text).toMatch(/\/preferences\?token=/);
    const { rows } = await sql.query(`SELECT status, sections FROM subscribers WHERE lower(email) = $1`, [alice]);
    expect(rows).toEqual([{ status: 'confirmed', sections: ['politics'] }]);

    // A pending address asking again within the minute gets no second email.
    await post('/v1/subscribers', { email: bob, sections: ['politics'] });
    await sleep(300);
    expect(mailsTo(bob)).toHaveLength(1);

    const invalid = await post('/v1/subscribers', { email: 'someone@example.com' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('SUBSCRIBER.NO_INTERESTS');
  });

  it('registers web push subscriptions, active at once; the same endpoint again updates it', async () => {
    const key = await fetch(`${baseUrl}/v1/push/vapid-public-key`);
    expect(((await key.json()) as { publicKey: string }).publicKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);

    const first = await subscribePush('/push/good', goodBrowser, { sections: ['sport'] });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; managementToken: string };
    const second = await subscribePush('/push/good', goodBrowser, { sections: ['politics'], tags: ['budget'] });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { id: string }).id).toBe(created.id);
    pushId = created.id;

    expect((await subscribePush('/gone/1', goneBrowser, { sections: ['politics'] })).status).toBe(201);
    const insecure = await post('/v1/push-subscriptions', {
      subscription: { endpoint: 'http://push.example/x', keys: { p256dh: goodBrowser.p256dh, auth: goodBrowser.auth.toString('base64url') } },
      sections: ['politics'],
    });
    expect(insecure.status).toBe(400);
  });

  it('alerts each matching recipient exactly once per channel, even when the event arrives twice', async () => {
    const event = publishedEvent(articleId);
    await produce(event);
    await produce(event);

    const mail = await waitFor('the alert email to alice', () => mailsTo(alice, /Budget/)[0]);
    const push = await waitFor('the push to the good browser', () => pushesTo('/push/good')[0]);
    await waitFor('the push to the gone browser', () => pushesTo('/gone/1')[0]);
    await waitUntilConsumed(event.id);
    await sleep(1500);

    expect(mailsTo(alice, /Budget/)).toHaveLength(1);
    expect(mailsTo(bob, /Budget/)).toHaveLength(0); // pending
    expect(mailsTo(carol, /Budget/)).toHaveLength(0); // another section
    expect(mailsTo(dave, /Budget/)).toHaveLength(0); // another tag
    expect(pushesTo('/push/good')).toHaveLength(1);
    expect(pushesTo('/gone/1')).toHaveLength(1);

    // The email: subject, escaped HTML, plain text, one-click unsubscribe headers.
    expect(mail.parsed.subject).toBe('Breaking: Budget <b>passes</b> & "wins"');
    const html = String(mail.parsed.html);
    expect(html).toContain('Budget &lt;b&gt;passes&lt;/b&gt; &amp; &quot;wins&quot;');
    expect(html).not.toContain('<script>');
    expect(mail.parsed.text).toContain('The vote was <script>close</script>: 226 to 224.');
    expect(mail.parsed.text).toContain(`https://news.example/articles/${articleId}`);
    const header = (name: string) =>
      mail.parsed.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, '');
    expect(header('list-unsubscribe')).toMatch(new RegExp(`^<${baseUrl}/unsubscribe\\?token=[\\w.-]+>$`));
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // The push: VAPID-signed, urgent, encrypted (aes128gcm) for this browser only.
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(push.headers.urgency).toBe('high');
    expect(push.headers.ttl).toBe('3600');
    expect(String(push.headers.authorization)).toMatch(/^vapid t=.+, k=.+/);
    const payload = JSON.parse(
      ece.decrypt(push.body, { version: 'aes128gcm', privateKey: goodBrowser.ecdh, authSecret: goodBrowser.auth }).toString('utf8'),
    ) as Record<string, string>;
    expect(payload).toEqual({
      title: 'Breaking: Budget <b>passes</b> & "wins"',
      body: 'The vote was <script>close</script>: 226 to 224.',
      url: `https://news.example/articles/${articleId}`,
      tag: articleId,
    });

    // 410 Gone from the push service ends that subscription.
    const { rows } = await sql.query(`SELECT active, deactivated_reason FROM push_subscriptions WHERE endpoint = $1`, [`${pushBase}/gone/1`]);
    expect(rows[0].active).toBe(false);
    expect(rows[0].deactivated_reason).toMatch(/410/);
  });

  it('shows editors every delivery of the article with masked recipients, statuses and attempts', async () => {
    const { status, body } = await deliveries(articleId);
    expect(status).toBe(200);
    expect(body.counts).toEqual({ total: 3, pending: 0, sending: 0, sent: 2, failed: 1, cancelled: 0, unknown: 0 });
    const rows = body.deliveries;
    const pushHost = new URL(pushBase).host;
    expect(rows.map((d) => `${d.channel} ${d.recipient}`).sort()).toEqual(['email a•••@example.com', `push ${pushHost}`, `push ${pushHost}`]);
    const email = rows.find((d) => d.channel === 'email')!;
    expect(email).toMatchObject({ status: 'sent', attempts: 1, lastResponseCode: 250 });
    expect(email.attemptLog).toEqual([expect.objectContaining({ attempt: 1, outcome: 'sent', responseCode: 250, error: null })]);
    const pushRows = rows.filter((d) => d.channel === 'push');
    expect(pushRows.map((d) => [d.status, d.lastResponseCode]).sort()).toEqual([
      ['failed', 410],
      ['sent', 201],
    ]);
    expect(JSON.stringify(body)).not.toContain('alice@');
    expect(JSON.stringify(body)).not.toContain('/push/good');

    expect((await fetch(`${baseUrl}/v1/deliveries?articleId=not-a-uuid`, { headers: { authorization: `Bearer ${EDITOR}` } })).status).toBe(400);
    expect((await deliveries(articleId, REPORTER)).status).toBe(403);
    expect((await fetch(`${baseUrl}/v1/deliveries?articleId=${articleId}`)).status).toBe(401);
  });

  it('retries a deferred email later, and cancels it when the article is withdrawn first', async () => {
    deferredRecipients.add(dave);
    const economy = randomUUID();
    const published = publishedEvent(economy, { section: 'business', tags: ['economy'], priority: 'normal', headline: 'Rates held' });
    await produce(published);
    await waitUntilConsumed(published.id);
    const pendingRow = await waitFor('the deferred delivery to be rescheduled', async () => {
      const { rows } = await sql.query(`SELECT status, attempts, next_attempt_at FROM deliveries WHERE article_id = $1 AND channel = 'email'`, [economy]);
      return rows[0]?.attempts === 1 && rows[0].status === 'pending' ? rows[0] : undefined;
    });
    expect(new Date(pendingRow.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
    const log = await deliveries(economy);
    expect(log.body.deliveries[0].attemptLog).toEqual([expect.objectContaining({ outcome: 'retry', responseCode: 451 })]);

    const unpublished = createEvent(
      EVENT_TYPES.articleUnpublished,
      { articleId: economy, reason: 'Legal', editorId: 'editor-1', unpublishedAt: new Date().toISOString() },
      { subject: economy },
    );
    await produce(unpublished);
    await waitUntilConsumed(unpublished.id);
    const after = await deliveries(economy);
    expect(after.body.counts).toMatchObject({ cancelled: 1, pending: 0 });
    deferredRecipients.delete(dave);
  });

  it('after a restart sends nothing twice, and never resends a delivery interrupted mid-send', async () => {
    // A delivery a crashed worker left in `sending`: whether it went out is unknown.
    const interrupted = randomUUID();
    await sql.query(`INSERT INTO article_alerts (article_id, revision, headline, url, section, priority, published_at) VALUES ($1, 1, 'Crash', 'https://news.example/c', 'politics', 'normal', now())`, [interrupted]);
    const { rows: subscriber } = await sql.query(`SELECT id FROM subscribers WHERE lower(email) = $1`, [alice]);
    await sql.query(
      `INSERT INTO deliveries (article_id, channel, subscriber_id, status, attempts, claimed_by, claimed_at) VALUES ($1, 'email', $2, 'sending', 1, $3, now())`,
      [interrupted, subscriber[0].id, randomUUID()],
    );

    await app!.close();
    app = undefined;
    await startApp();

    const { rows } = await sql.query(`SELECT status FROM deliveries WHERE article_id = $1`, [interrupted]);
    expect(rows).toEqual([{ status: 'unknown' }]);
    const crashLog = await deliveries(interrupted);
    expect(crashLog.body.deliveries[0].attemptLog).toEqual([expect.objectContaining({ outcome: 'unknown' })]);

    // The same event redelivered, and a second publication event of the same article.
    const republished = publishedEvent(articleId, { revision: 2 });
    await produce(publishedEvent(articleId), republished);
    await waitUntilConsumed(republished.id);
    await sleep(1500);
    expect(mailsTo(alice, /Budget/)).toHaveLength(1);
    expect(mailsTo(alice, /Crash/)).toHaveLength(0);
    expect(pushesTo('/push/good')).toHaveLength(1);
    expect((await deliveries(articleId)).body.counts.total).toBe(3);
  });

  it('unsubscribes with one click (RFC 8058) and stops alerts', async () => {
    const mail = mailsTo(alice, /Budget/)[0];
    const unsubscribeUrl = /<([^>]+)>/.exec(mail.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r?\n[ \t]+/g, ''))![1];

    const page = await fetch(unsubscribeUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<button type="submit">Unsubscribe</button>');
    // Showing the page changes nothing: link scanners follow GET links.
    expect((await sql.query(`SELECT status FROM subscribers WHERE lower(email) = $1`, [alice])).rows[0].status).toBe('confirmed');

    const oneClick = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect((await sql.query(`SELECT status FROM subscribers WHERE lower(email) = $1`, [alice])).rows[0].status).toBe('unsubscribed');
    expect((await fetch(unsubscribeUrl, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);

    const tampered = await fetch(unsubscribeUrl.replace(/token=v1\.(.)/, (_m, c: string) => `token=v1.${c === 'e' ? 'f' : 'e'}`), {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
    expect(tampered.status).toBe(400);
    expect(((await tampered.json()) as { error: { code: string } }).error.code).toBe('LINK.INVALID');

    const next = randomUUID();
    const event = publishedEvent(next, { headline: 'Second story', priority: 'normal' });
    await produce(event);
    await waitFor('the push about the second story', () => pushesTo('/push/good')[1]);
    await waitUntilConsumed(event.id);
    await sleep(500);
    expect(mailsTo(alice, /Second story/)).toHaveLength(0);
    expect((await deliveries(next)).body.counts).toMatchObject({ total: 1, sent: 1 });
    expect(pushId).toBeDefined();
  });
});
