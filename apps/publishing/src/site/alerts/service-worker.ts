import { KEY_BYTES_FUNCTION } from './key-bytes';

/**
 * The site's service worker, served at `/sw.js` so that its scope is the whole site. It shows
 * the web-push alerts the notifications service sends (payload `{title, body, url, tag, lang?,
 * dir?}`, JSON, decrypted by the browser, RFC 8291) and opens the story when the reader clicks one.
 * `lang` and `dir` (the story's language and direction) become the notification's own, so the
 * system reads an Arabic or Ukrainian alert in that language and lays it out in its direction.
 *
 * - `tag` is the story's id: an alert about the same story (an update or a correction, which
 *   the push service already replaces in its queue by the RFC 8030 `Topic` header) replaces the
 *   notification on screen instead of adding a second one.
 * - Only URLs on this site are opened: a payload is the notifications service's, but the worker
 *   trusts no more than it must.
 * - A click is counted: the worker tells the newsroom's notifications service
 *   (`POST {alertsUrl}/v1/alert-clicks`, no cookies, no reader id) which story's alert was
 *   opened; it counts clicks per alert and channel.
 *
 * - A replaced subscription is reported: a push service may rotate a subscription (or let it
 *   expire and issue another), and the browser fires `pushsubscriptionchange`. The worker takes
 *   the new subscription (or subscribes again with the old one's application server key) and
 *   posts both to `{alertsUrl}/v1/push-subscriptions/replacements`, the old one proved by its
 *   auth secret, so the new endpoint keeps the reader's preferences. Without it, alerts stop at
 *   the old endpoint's first 410. Browsers that give no old subscription (the worker still
 *   subscribes again), or never fire the event, are caught by the page script on the reader's
 *   next visit.
 *
 * `alertsUrl` is NOTIFICATIONS_PUBLIC_URL (validated at start-up), written in as a JSON string.
 *
 * Plain ES2017 that every browser with web push runs; no build step, no imports.
 */
export function serviceWorkerSource(alertsUrl: string): string {
  return `'use strict';
const ALERTS_URL = ${JSON.stringify(alertsUrl)};
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

function onThisSite(url) {
  try {
    const parsed = new URL(url, self.location.origin);
    return parsed.origin === self.location.origin ? parsed.href : undefined;
  } catch (error) {
    return undefined;
  }
}

self.addEventListener('push', (event) => {
  let alert = {};
  try {
    alert = event.data ? event.data.json() : {};
  } catch (error) {
    alert = {};
  }
  const title = typeof alert.title === 'string' && alert.title !== '' ? alert.title : self.location.hostname;
  const options = {
    body: typeof alert.body === 'string' ? alert.body : '',
    data: { url: onThisSite(alert.url), tag: typeof alert.tag === 'string' ? alert.tag : undefined },
  };
  if (options.data.tag) options.tag = options.data.tag;
  if (typeof alert.lang === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(alert.lang)) options.lang = alert.lang;
  if (alert.dir === 'ltr' || alert.dir === 'rtl') options.dir = alert.dir;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  const counted = data.tag
    ? fetch(ALERTS_URL + '/v1/alert-clicks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ articleId: data.tag, channel: 'push' }), credentials: 'omit', keepalive: true }).catch(() => undefined)
    : Promise.resolve();
  event.waitUntil(Promise.all([counted, data.url ? self.clients.openWindow(data.url) : Promise.resolve()]));
});

${KEY_BYTES_FUNCTION}

function resubscribe(old) {
  const key = old && old.options && old.options.applicationServerKey;
  const known = key
    ? Promise.resolve(key)
    : fetch(ALERTS_URL + '/v1/push/vapid-public-key', { credentials: 'omit' }).then((response) => response.json()).then((body) => keyBytes(body.publicKey));
  return known.then((applicationServerKey) => self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey }));
}

// Without the old subscription (some browsers give none) there is nothing to prove: the worker
// still subscribes again, and the page reports the new subscription on the reader's next visit.
self.addEventListener('pushsubscriptionchange', (event) => {
  const old = event.oldSubscription;
  const renewed = event.newSubscription ? Promise.resolve(event.newSubscription) : resubscribe(old);
  const replaced = renewed.then((subscription) =>
    old
      ? fetch(ALERTS_URL + '/v1/push-subscriptions/replacements', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ oldEndpoint: old.endpoint, oldAuth: old.toJSON().keys.auth, subscription: subscription.toJSON() }),
          credentials: 'omit',
        })
      : undefined
  );
  event.waitUntil(replaced.catch(() => undefined));
});
`;
}
