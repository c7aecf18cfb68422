import { createECDH, randomBytes, randomUUID, type ECDH } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decrypt } from 'http_ece';
import { BodyTooLargeError, close, listen, readBody, sendText, urlHost } from './http';
import { handlePushPage } from './push-pages';
import { verifyVapid, VapidError } from './vapid';
import { appendBounded, Waiters } from './waiters';

/** What a browser's `PushSubscription.toJSON()` returns. */
export interface PushSubscriptionJSON {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  id: string;
  subscriptionId: string;
  label?: string;
  receivedAt: string;
  ttl: number;
  urgency: string;
  topic?: string;
  /** The `sub` claim of the sender's VAPID token (mailto: or https: contact). */
  vapidSubject?: string;
  vapidPublicKey: string;
  /** The decrypted plaintext. */
  text: string;
  /** `text` parsed as JSON when it is JSON, otherwise `text`; null for a push without payload. */
  payload: unknown;
}

export interface RejectedPush {
  at: string;
  subscriptionId: string;
  status: number;
  reason: string;
}

export interface PushPreferences {
  sections?: string[];
  tags?: string[];
  breakingOnly?: boolean;
  /** Shown next to pushes for this subscription on the inbox page; not sent. */
  label?: string;
}

export interface PushRegistration {
  subscriptionId: string;
  subscription: PushSubscriptionJSON;
  status: number;
  /** The notifications service's answer, parsed as JSON when possible. */
  response: unknown;
}

export interface PushInbox {
  /** https://host:port, the origin of every endpoint and the expected VAPID `aud`. */
  origin: string;
  port: number;
  webUrl: string;
  /** PEM file for NODE_EXTRA_CA_CERTS of processes that send to this inbox. */
  caFile: string;
  /** The same certificate, for `new https.Agent({ ca })` in this process. */
  ca: string;
  /** `applicationServerKey` restricts the subscription to one VAPID key, as browsers do. */
  createSubscription(label?: string, options?: { applicationServerKey?: string }): PushSubscriptionJSON;
  /** Forgets a subscription (like a browser unsubscribing); later pushes to it get 410. */
  removeSubscription(endpointOrId: string): void;
  /** Creates a subscription and registers it with the notifications service; throws unless it answers 2xx. */
  subscribeTo(notificationsUrl: string, prefs?: PushPreferences): Promise<PushRegistration>;
  received(): ReceivedPush[];
  /** Pushes accepted (201) since the inbox started, including those `received()` no longer keeps or `clear()` forgot. */
  acceptedTotal(): number;
  rejected(): RejectedPush[];
  waitFor(predicate: (push: ReceivedPush) => boolean, timeoutMs?: number): Promise<ReceivedPush>;
  /** Forgets received and rejected pushes; subscriptions stay valid. */
  clear(): void;
  stop(): Promise<void>;
}

export interface PushInboxOptions {
  /** HTTPS port of the push service; 0 or omitted picks a free port. */
  port?: number;
  /** Plain HTTP port of the human page; 0 or omitted picks a free port. */
  webPort?: number;
  host?: string;
  /** Enables the page's "Subscribe this inbox" form against this notifications service. */
  notificationsUrl?: string;
}

interface Subscription {
  id: string;
  label?: string;
  ecdh: ECDH;
  authSecret: Buffer;
  applicationServerKey?: string;
}

// RFC 8030 push services must accept at least 4096 bytes of encrypted payload.
const MAX_BODY_BYTES = 4096;
const MAX_KEPT = 500;
const URGENCIES = new Set(['very-low', 'low', 'normal', 'high']);

/** Thrown inside the request handler to answer the sender and record why. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A local stand-in for a browser vendor's push service: endpoints that web-push can
 * send to, which decrypt and keep what arrives so tests and people can see it.
 */
export async function startPushInbox(options: PushInboxOptions = {}): Promise<PushInbox> {
  const host = options.host ?? '127.0.0.1';
  const subscriptions = new Map<string, Subscription>();
  const received: ReceivedPush[] = [];
  let accepted = 0;
  const rejected: RejectedPush[] = [];
  const waiters = new Waiters<ReceivedPush>();

  // Loaded here: every suite loads this library, and few of them start a push inbox.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const caDir = mkdtempSync(path.join(tmpdir(), 'newsroom-push-inbox-'));
  const caFile = path.join(caDir, 'push-inbox-ca.pem');
  writeFileSync(caFile, pems.cert);

  const pushServer = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    void acceptPush(req, res);
  });
  const port = await listen(pushServer, options.port ?? 0, host);
  const origin = `https://${urlHost(host)}:${port}`;

  async function acceptPush(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/push\/([A-Za-z0-9_-]+)$/.exec(new URL(req.url ?? '/', origin).pathname);
    if (!match) return sendText(res, 404, 'Not Found');
    if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed', { Allow: 'POST' });
    const subscriptionId = match[1];
    try {
      const push = await readPush(req, subscriptionId);
      appendBounded(received, push, MAX_KEPT);
      accepted += 1;
      waiters.notify(push);
      res.writeHead(201, { 'Content-Length': '0' });
      res.end();
    } catch (error) {
      const status = error instanceof Refusal || error instanceof VapidError ? error.status : 500;
      const reason = error instanceof Error ? error.message : String(error);
      appendBounded(rejected, { at: new Date().toISOString(), subscriptionId, status, reason }, MAX_KEPT);
      sendText(res, status, reason);
    }
  }

  async function readPush(req: IncomingMessage, subscriptionId: string): Promise<ReceivedPush> {
    const body = await readBody(req, MAX_BODY_BYTES).catch((error: unknown) => {
      throw error instanceof BodyTooLargeError ? new Refusal(413, error.message) : error;
    });
    const subscription = subscriptions.get(subscriptionId);
    // 410 is how a sender learns that a subscription is gone for good and should be deleted.
    if (!subscription) throw new Refusal(410, 'subscription does not exist');

    const ttlHeader = header(req, 'ttl');
    if (ttlHeader === undefined || !/^\d+$/.test(ttlHeader)) throw new Refusal(400, 'TTL header is required');
    const urgency = header(req, 'urgency') ?? 'normal';
    if (!URGENCIES.has(urgency)) throw new Refusal(400, `unknown Urgency ${urgency}`);
    const topic = header(req, 'topic');
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) throw new Refusal(400, 'Topic must be at most 32 base64url characters');

    // The token must name the origin the sender actually called.
    const vapid = verifyVapid(header(req, 'authorization'), `https://${req.headers.host ?? ''}`);
    if (subscription.applicationServerKey && subscription.applicationServerKey !== vapid.publicKey) {
      throw new VapidError(403, 'k is not the applicationServerKey this subscription was created with');
    }

    let text = '';
    if (body.length > 0) {
      if (header(req, 'content-encoding') !== 'aes128gcm') throw new Refusal(415, 'Content-Encoding must be aes128gcm');
      try {
        text = decrypt(body, { version: 'aes128gcm', privateKey: subscription.ecdh, authSecret: subscription.authSecret }).toString('utf8');
      } catch (error) {
        // A real service would forward it and the browser would drop it silently; here it should be loud.
        throw new Refusal(400, `payload could not be decrypted with this subscription's keys: ${(error as Error).message}`);
      }
    }
    return {
      id: randomUUID(),
      subscriptionId,
      label: subscription.label,
      receivedAt: new Date().toISOString(),
      ttl: Number(ttlHeader),
      urgency,
      topic,
      vapidSubject: vapid.subject,
      vapidPublicKey: vapid.publicKey,
      text,
      payload: body.length === 0 ? null : parseJson(text),
    };
  }

  function createSubscription(label?: string, subscribeOptions: { applicationServerKey?: string } = {}): PushSubscriptionJSON {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const subscription: Subscription = {
      id: randomBytes(16).toString('base64url'),
      label,
      ecdh,
      authSecret: randomBytes(16),
      applicationServerKey: subscribeOptions.applicationServerKey,
    };
    subscriptions.set(subscription.id, subscription);
    return toJson(subscription);
  }

  function toJson(subscription: Subscription): PushSubscriptionJSON {
    return {
      endpoint: `${origin}/push/${subscription.id}`,
      expirationTime: null,
      keys: { p256dh: subscription.ecdh.getPublicKey().toString('base64url'), auth: subscription.authSecret.toString('base64url') },
    };
  }

  async function register(notificationsUrl: string, prefs: PushPreferences): Promise<PushRegistration> {
    const subscription = createSubscription(prefs.label);
    const subscriptionId = subscription.endpoint.slice(subscription.endpoint.lastIndexOf('/') + 1);
    const { status, response } = await postSubscription(notificationsUrl, subscription, prefs).catch((error: unknown) => {
      subscriptions.delete(subscriptionId);
      throw error;
    });
    // A subscription the service refused would never receive anything; don't leave it listed.
    if (status < 200 || status >= 300) subscriptions.delete(subscriptionId);
    return { subscriptionId, subscription, status, response };
  }

  const webServer = createServer((req, res) => {
    void handlePushPage(req, res, {
      received: () => received,
      rejected: () => rejected,
      subscriptions: () => [...subscriptions.values()].map((s) => ({ id: s.id, label: s.label, endpoint: toJson(s).endpoint })),
      notificationsUrl: options.notificationsUrl,
      register: (prefs) => register(options.notificationsUrl ?? '', prefs),
    });
  });
  const webUrl = `http://${urlHost(host)}:${await listen(webServer, options.webPort ?? 0, host)}`;

  return {
    origin,
    port,
    webUrl,
    caFile,
    ca: pems.cert,
    createSubscription,
    removeSubscription(endpointOrId) {
      subscriptions.delete(endpointOrId.slice(endpointOrId.lastIndexOf('/') + 1));
    },
    async subscribeTo(notificationsUrl, prefs = {}) {
      const registration = await register(notificationsUrl, prefs);
      if (registration.status < 200 || registration.status >= 300) {
        throw new Error(`POST ${notificationsUrl}/v1/push-subscriptions answered ${registration.status}: ${JSON.stringify(registration.response)}`);
      }
      return registration;
    },
    received: () => [...received],
    acceptedTotal: () => accepted,
    rejected: () => [...rejected],
    waitFor: (predicate, timeoutMs = 10_000) => waiters.wait(() => received, predicate, timeoutMs, 'push'),
    clear() {
      received.splice(0);
      rejected.splice(0);
    },
    async stop() {
      await Promise.all([close(pushServer), close(webServer)]);
      rmSync(caDir, { recursive: true, force: true });
    },
  };
}

/** Registers a subscription the way the site's service worker script would after `pushManager.subscribe()`. */
async function postSubscription(
  notificationsUrl: string,
  subscription: PushSubscriptionJSON,
  prefs: PushPreferences,
): Promise<{ status: number; response: unknown }> {
  const body = { subscription, sections: prefs.sections, tags: prefs.tags, breakingOnly: prefs.breakingOnly };
  const response = await fetch(`${notificationsUrl.replace(/\/+$/, '')}/v1/push-subscriptions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, response: parseJson(await response.text()) };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
