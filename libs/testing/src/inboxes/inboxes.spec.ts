import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Agent } from 'node:https';
import { type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import webpush, { type WebPushError } from 'web-push';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { startPushInbox, type PushInbox } from './push-inbox';

describe('mail catcher', () => {
  let catcher: MailCatcher;

  beforeAll(async () => {
    catcher = await startMailCatcher({ httpPort: 0 });
  });
  afterAll(() => catcher.stop());

  it('parses what arrives over SMTP and shows it escaped', async () => {
    const acceptedBefore = catcher.acceptedTotal();
    const smtp = new URL(catcher.smtpUrl);
    const transport = nodemailer.createTransport({ host: smtp.hostname, port: Number(smtp.port), secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: '"Newsroom alerts" <alerts@newsroom.test>',
      to: 'reader@example.test',
      bcc: 'hidden@example.test',
      subject: 'Breaking <script>alert(1)</script> & more',
      text: 'Plain body',
      html: '<p>Rich <b>body</b></p><script>alert("mail")</script>',
      headers: {
        'List-Unsubscribe': '<https://newsroom.test/unsubscribe?t=abc>, <mailto:unsubscribe@newsroom.test>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    transport.close();

    const mail = await catcher.waitFor((m) => m.to.includes('reader@example.test'), 5_000);
    expect(mail).toMatchObject({
      subject: 'Breaking <script>alert(1)</script> & more',
      from: '"Newsroom alerts" <alerts@newsroom.test>',
      to: ['reader@example.test', 'hidden@example.test'],
      text: 'Plain body',
      html: '<p>Rich <b>body</b></p><script>alert("mail")</script>',
    });
    expect(mail.headers['list-unsubscribe']).toBe('<https://newsroom.test/unsubscribe?t=abc>, <mailto:unsubscribe@newsroom.test>');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const list = await (await fetch(`${catcher.webUrl}/`)).text();
    expect(list).toContain('Breaking &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(list).not.toContain('<script');

    const detailResponse = await fetch(`${catcher.webUrl}/messages/${mail.id}`);
    expect(detailResponse.headers.get('content-security-policy')).toContain("default-src 'none'");
    const detail = await detailResponse.text();
    expect(detail).not.toContain('<script');
    expect(detail).toContain('<iframe sandbox srcdoc="&lt;p&gt;Rich &lt;b&gt;body&lt;/b&gt;&lt;/p&gt;&lt;script&gt;alert(&quot;mail&quot;)');
    expect(detail).toContain('list-unsubscribe-post');

    const api = (await (await fetch(`${catcher.webUrl}/api/messages`)).json()) as Array<{ id: string }>;
    expect(api[0].id).toBe(mail.id);
    expect((await fetch(`${catcher.webUrl}/messages/nope`)).status).toBe(404);

    catcher.clear();
    expect(catcher.messages()).toEqual([]);
    // The count is of everything accepted, not of what is kept: a benchmark reads it as progress.
    expect(catcher.acceptedTotal()).toBe(acceptedBefore + 1);
  });
});

describe('push inbox', () => {
  const vapid = webpush.generateVAPIDKeys();
  const subject = 'mailto:alerts@newsroom.test';
  let inbox: PushInbox;
  let agent: Agent;

  beforeAll(async () => {
    inbox = await startPushInbox();
    agent = new Agent({ ca: inbox.ca });
  });
  afterAll(async () => {
    agent.destroy();
    await inbox.stop();
  });

  const statusOf = (promise: Promise<unknown>) => promise.then(() => 201, (error: WebPushError) => error.statusCode);

  it('decrypts what web-push sends and records the sender', async () => {
    const subscription = inbox.createSubscription('reader laptop');
    expect(subscription.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/push\/[A-Za-z0-9_-]+$/);
    expect(subscription.expirationTime).toBeNull();
    expect(Buffer.from(subscription.keys.p256dh, 'base64url')).toHaveLength(65);
    expect(Buffer.from(subscription.keys.auth, 'base64url')).toHaveLength(16);
    expect(readFileSync(inbox.caFile, 'utf8')).toBe(inbox.ca);

    const acceptedBefore = inbox.acceptedTotal();
    const payload = { title: 'Ceasefire <b>agreed</b>', body: 'Talks end in Geneva', url: 'https://newsroom.test/articles/ceasefire', tag: 'article-1' };
    const result = await webpush.sendNotification(subscription, JSON.stringify(payload), {
      vapidDetails: { subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
      TTL: 3600,
      urgency: 'high',
      topic: 'article-1',
      agent,
    });
    expect(result.statusCode).toBe(201);

    const push = await inbox.waitFor((p) => p.subscriptionId === subscription.endpoint.split('/').pop(), 5_000);
    expect(push).toMatchObject({ payload, label: 'reader laptop', ttl: 3600, urgency: 'high', topic: 'article-1', vapidSubject: subject, vapidPublicKey: vapid.publicKey });
    expect(push.text).toBe(JSON.stringify(payload));
    expect(inbox.acceptedTotal()).toBe(acceptedBefore + 1);

    const html = await (await fetch(`${inbox.webUrl}/`)).text();
    expect(html).toContain('Ceasefire &lt;b&gt;agreed&lt;/b&gt;');
    expect(html).toContain('href="https://newsroom.test/articles/ceasefire"');
    const api = (await (await fetch(`${inbox.webUrl}/api/pushes`)).json()) as Array<{ id: string }>;
    expect(api[0].id).toBe(push.id);
  });

  it('refuses a token not signed by the key it names', async () => {
    const subscription = inbox.createSubscription();
    const other = webpush.generateVAPIDKeys();
    const forged = webpush.getVapidHeaders(inbox.origin, subject, vapid.publicKey, other.privateKey, 'aes128gcm');
    const status = await statusOf(
      webpush.sendNotification(subscription, 'hello', { headers: { Authorization: forged.Authorization }, agent }),
    );
    expect(status).toBe(403);
    expect(inbox.rejected().at(-1)).toMatchObject({ status: 403, reason: expect.stringContaining('signature') });
  });

  it('refuses a token for another audience, and a push without one', async () => {
    const subscription = inbox.createSubscription();
    const elsewhere = webpush.getVapidHeaders('https://push.example.test', subject, vapid.publicKey, vapid.privateKey, 'aes128gcm');
    expect(
      await statusOf(webpush.sendNotification(subscription, 'hi', { headers: { Authorization: elsewhere.Authorization }, agent })),
    ).toBe(403);
    expect(await statusOf(webpush.sendNotification(subscription, 'hi', { agent }))).toBe(401);
  });

  it('answers 410 Gone for unknown and removed subscriptions', async () => {
    const acceptedBefore = inbox.acceptedTotal();
    const details = { vapidDetails: { subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey }, agent };
    const unknown = { ...inbox.createSubscription(), endpoint: `${inbox.origin}/push/does-not-exist` };
    expect(await statusOf(webpush.sendNotification(unknown, 'hi', details))).toBe(410);

    const removed = inbox.createSubscription();
    inbox.removeSubscription(removed.endpoint);
    expect(await statusOf(webpush.sendNotification(removed, 'hi', details))).toBe(410);
    expect(inbox.rejected().at(-1)).toMatchObject({ status: 410 });
    // Refused pushes are not counted as accepted.
    expect(inbox.acceptedTotal()).toBe(acceptedBefore);
  });

  describe('registering with the notifications service', () => {
    let notifications: Server;
    let notificationsUrl: string;
    let registered: unknown[];
    let withForm: PushInbox;

    beforeAll(async () => {
      registered = [];
      notifications = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          registered.push({ method: req.method, url: req.url, body: JSON.parse(body) as unknown });
          res.writeHead(201, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ id: `sub-${registered.length}` }));
        });
      });
      await new Promise<void>((resolve) => notifications.listen(0, '127.0.0.1', resolve));
      notificationsUrl = `http://127.0.0.1:${(notifications.address() as AddressInfo).port}`;
      withForm = await startPushInbox({ notificationsUrl });
    });
    afterAll(async () => {
      await withForm.stop();
      notifications.closeAllConnections();
      await new Promise((resolve) => notifications.close(resolve));
    });

    it('subscribeTo posts the browser-style subscription with preferences', async () => {
      const result = await withForm.subscribeTo(notificationsUrl, { sections: ['politics'], tags: ['ukraine'], breakingOnly: true });
      expect(result.status).toBe(201);
      expect(result.response).toEqual({ id: 'sub-1' });
      expect(registered[0]).toEqual({
        method: 'POST',
        url: '/v1/push-subscriptions',
        body: { subscription: result.subscription, sections: ['politics'], tags: ['ukraine'], breakingOnly: true },
      });
    });

    it('the page form registers a new subscription and shows the answer', async () => {
      const response = await fetch(`${withForm.webUrl}/subscribe`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ sections: 'world, politics', tags: '', breakingOnly: 'on', label: '<me>' }).toString(),
      });
      const html = await response.text();
      expect(html).toContain('answered 201');
      expect(html).toContain('&lt;me&gt;');
      expect(registered[1]).toMatchObject({ body: { sections: ['world', 'politics'], breakingOnly: true } });
      expect((registered[1] as { body: Record<string, unknown> }).body).not.toHaveProperty('tags');

      const crossSite = await fetch(`${withForm.webUrl}/subscribe`, { method: 'POST', headers: { Origin: 'https://evil.example' }, body: '' });
      expect(crossSite.status).toBe(403);
    });
  });
});
