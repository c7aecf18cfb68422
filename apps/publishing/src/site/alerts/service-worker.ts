/**
 * The site's service worker, served at `/sw.js` so that its scope is the whole site. It shows
 * the web-push alerts the notifications service sends (payload `{title, body, url, tag}`, JSON,
 * decrypted by the browser, RFC 8291) and opens the story when the reader clicks one.
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
`;
}
