import { KEY_BYTES_FUNCTION } from './key-bytes';

/**
 * The page script behind the signup box's "Get alerts" button (site/rendering/subscribe-box.ts),
 * served at `/alerts.js`. Without it the page still works: the email form is plain HTML.
 *
 * On load it registers the service worker (/sw.js, scope `/`) and shows the button only when the
 * browser can take push messages and alerts are not on in it already (then the status says they
 * are, with the link below, and the button stays hidden). The permission prompt comes only after a click (browsers
 * penalise prompts on load, and readers rightly dislike them). Then it subscribes with the
 * notifications service's VAPID public key (`GET {alerts}/v1/push/vapid-public-key`) and registers
 * the subscription with the sections and the topic ticked in the form (`POST {alerts}/v1/push-subscriptions`;
 * none ticked: breaking news only), with the browser's IANA time zone
 * (`Intl.DateTimeFormat().resolvedOptions().timeZone`), in which the reader's quiet hours are
 * read. Both calls are cross-origin: the notifications service
 * allows the site's origin (CORS), and the site's CSP allows that origin in `connect-src`.
 *
 * The answer's `preferencesUrl` (the browser's own signed page to change or stop its alerts) is
 * kept in localStorage with the subscription's endpoint and auth secret, and shown as a link
 * beside "alerts are on", then and on every later page while the browser still holds that
 * subscription: a push notification carries no link of its own, and without it the only way out
 * was revoking the permission. Only a link to the notifications service's preference page is shown.
 * The page asks the service whether that subscription is still on (`POST
 * {alerts}/v1/push-subscriptions/status`, proved by the auth secret) on the first page after the
 * reader followed that link, where they may have stopped alerts, and otherwise once a day; a
 * stopped one is forgotten and the button offered again.
 * A later page that finds another subscription than the one kept (the push service replaced it)
 * reports the replacement (`POST {alerts}/v1/push-subscriptions/replacements`, proved by the old
 * auth secret), so the new one keeps the reader's preferences and the link.
 *
 * Messages come from the button's data attributes, in the interface's language.
 */
export const ALERTS_SCRIPT_SOURCE = `'use strict';
(function () {
  if (!('serviceWorker' in navigator)) return;
  var registration = navigator.serviceWorker.register('/sw.js', { scope: '/' });
  var button = document.querySelector('.get-alerts');
  if (!button || !('PushManager' in window) || !('Notification' in window)) return;
  var status = document.querySelector('.get-alerts-status');
  var alertsUrl = button.getAttribute('data-alerts-url');
  function say(text) {
    if (!status) return;
    status.hidden = false;
    status.textContent = text;
  }
  ${KEY_BYTES_FUNCTION}
  // The zone quiet hours are read in; left out (UTC) where the browser cannot say.
  function browserTimeZone() {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      return typeof zone === 'string' && zone !== '' ? zone : undefined;
    } catch (error) {
      return undefined;
    }
  }
  // The browser's preference page, as the notifications service answered it, for this subscription,
  // and when the service last said the subscription was active (checkedAt, ms; 0: ask on the next
  // page, as after the reader followed the preference link, where they may have stopped alerts).
  var STORE = 'newsroom-alerts';
  var CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
  function remembered() {
    try {
      return JSON.parse(localStorage.getItem(STORE) || 'null');
    } catch (error) {
      return null;
    }
  }
  // The auth secret proves, should the push service replace this subscription, that this browser
  // held the old one; any script of the site can read it from the subscription anyway.
  function remember(endpoint, preferencesUrl, auth, checkedAt) {
    try {
      localStorage.setItem(STORE, JSON.stringify({ endpoint: endpoint, preferencesUrl: preferencesUrl, auth: auth, checkedAt: checkedAt }));
    } catch (error) {
      // Storage refused (private mode): the link shows this once only.
    }
  }
  // A JSON POST to the notifications service (cross-origin: it allows the site's origin).
  function postJson(path, body) {
    return fetch(alertsUrl + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }
  function forget() {
    try {
      localStorage.removeItem(STORE);
    } catch (error) {
      // Nothing kept to forget.
    }
  }
  // The push service replaced the subscription this page registered (the service worker reports
  // that as it happens where the browser fires pushsubscriptionchange; this catches the rest on
  // the next visit): the new one takes over the old one's preferences and link. Refused (404,
  // 409: unknown, or stopped by the reader), the button offers alerts afresh.
  function reportReplaced(stored, current) {
    var json = current.toJSON();
    return postJson('/v1/push-subscriptions/replacements', { oldEndpoint: stored.endpoint, oldAuth: stored.auth, subscription: json }).then(function (response) {
      if (response.status === 404 || response.status === 409) return stopHere(current);
      // Not answered this time (a 429, a 5xx): the next page asks again.
      if (!response.ok) return false;
      return response.json().then(function (body) {
        remember(current.endpoint, body.preferencesUrl, json.keys && json.keys.auth, Date.now());
        sayOn(body.preferencesUrl);
        return true;
      });
    });
  }
  // The service no longer sends to this subscription (stopped by the reader, ended by the push
  // service, unknown): the page forgets it, and the browser drops it too, so "Get alerts" makes a
  // fresh one rather than registering a dead endpoint again. Resolves false: alerts are off.
  function stopHere(subscription) {
    forget();
    return subscription.unsubscribe().then(function () { return false; }, function () { return false; });
  }
  // Whether the subscription this page registered is still on: the reader may have stopped it on
  // the preference page, another origin whose answer this page never saw. Stopped, ended or
  // unknown, the page forgets it and offers alerts afresh; not answered this time (a 429, a 5xx,
  // offline), it trusts what it kept and asks again in an hour.
  var RETRY_AFTER_MS = 60 * 60 * 1000;
  function checkStillOn(stored, existing) {
    var notAnswered = function () {
      remember(stored.endpoint, stored.preferencesUrl, stored.auth, Date.now() - CHECK_EVERY_MS + RETRY_AFTER_MS);
      return { active: true, preferencesUrl: stored.preferencesUrl };
    };
    return postJson('/v1/push-subscriptions/status', { endpoint: stored.endpoint, auth: stored.auth }).then(function (response) {
      if (response.status === 404) return { active: false };
      if (!response.ok) return notAnswered();
      return response.json().then(function (body) {
        if (body.status !== 'active') return { active: false };
        remember(stored.endpoint, body.preferencesUrl, stored.auth, Date.now());
        return { active: true, preferencesUrl: body.preferencesUrl };
      });
    }, notAnswered).then(function (found) {
      if (!found.active) return stopHere(existing);
      sayOn(found.preferencesUrl);
      return true;
    });
  }
  // Alerts are on: the button has done its work (pressed again it would only register the same
  // subscription); the link beside the status is where to change or stop them.
  function sayOn(preferencesUrl) {
    button.hidden = true;
    say(button.getAttribute('data-on'));
    if (!status || typeof preferencesUrl !== 'string' || preferencesUrl.indexOf(alertsUrl + '/preferences?') !== 0) return;
    var link = document.createElement('a');
    link.href = preferencesUrl;
    link.textContent = button.getAttribute('data-manage');
    // Followed (a click, a middle click, or the menu's "open in new tab"): ask on the next page.
    var followed = function () {
      var stored = remembered();
      if (stored) remember(stored.endpoint, stored.preferencesUrl, stored.auth, 0);
    };
    link.addEventListener('click', followed);
    link.addEventListener('auxclick', followed);
    link.addEventListener('contextmenu', followed);
    status.appendChild(document.createTextNode(' '));
    status.appendChild(link);
  }
  // The button shows once the page knows alerts are not on in this browser already: shown first
  // and hidden a moment later, it would flicker on every page of a reader who has them.
  registration
    .then(function (reg) { return reg.pushManager.getSubscription(); })
    .then(function (existing) {
      var stored = remembered();
      if (!existing || !stored) return false;
      if (stored.endpoint === existing.endpoint) {
        // Kept before the auth secret was: keep it now, for a later replacement.
        if (typeof stored.auth !== 'string') stored.auth = existing.toJSON().keys.auth;
        if (typeof stored.checkedAt === 'number' && stored.checkedAt > Date.now() - CHECK_EVERY_MS) {
          sayOn(stored.preferencesUrl);
          return true;
        }
        return checkStillOn(stored, existing);
      }
      return typeof stored.auth === 'string' ? reportReplaced(stored, existing) : false;
    })
    .catch(function () { return false; })
    .then(function (on) { if (!on) button.hidden = false; });
  // A push service out of reach may leave subscribe() unsettled for good, and a request may hang:
  // after this long the reader is told it failed and may try again.
  var SUBSCRIBE_TIMEOUT_MS = 20000;
  function within(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error('no answer within ' + ms + ' ms')); }, ms);
      promise.then(function (value) { clearTimeout(timer); resolve(value); }, function (error) { clearTimeout(timer); reject(error); });
    });
  }
  button.addEventListener('click', function () {
    button.disabled = true;
    say(button.getAttribute('data-working'));
    var endpoint;
    var auth;
    var form = button.closest('.subscribe-box').querySelector('form');
    var sections = Array.prototype.map.call(form.querySelectorAll('input[name=sections]:checked'), function (box) { return box.value; });
    var tags = Array.prototype.map.call(form.querySelectorAll('input[name=tags]:checked'), function (box) { return box.value; });
    var breakingOnly = form.querySelector('input[name=breakingOnly]').checked || (sections.length === 0 && tags.length === 0);
    // The reader may take their time over the permission prompt; from their answer on, the key,
    // the push service and the registration must settle within the time, or it failed.
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== 'granted') throw Object.assign(new Error('permission ' + permission), { blocked: true });
        return within(switchOn(), SUBSCRIBE_TIMEOUT_MS);
      })
      .then(function (response) {
        if (!response.ok) throw new Error('push subscription refused: ' + response.status);
        return response.json().catch(function () { return {}; }).then(function (body) {
          remember(endpoint, body.preferencesUrl, auth, Date.now());
          sayOn(body.preferencesUrl);
        });
      })
      .catch(function (error) {
        say(button.getAttribute(error && error.blocked ? 'data-blocked' : 'data-failed'));
        button.disabled = false;
      });
    // The VAPID key, this browser's push subscription, and its registration: the registration's answer.
    function switchOn() {
      return Promise.all([registration, fetch(alertsUrl + '/v1/push/vapid-public-key').then(function (response) { return response.json(); })])
        .then(function (found) {
          var reg = found[0];
          return reg.pushManager.getSubscription().then(function (existing) {
            return existing || reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(found[1].publicKey) });
          });
        })
        .then(function (subscription) {
          endpoint = subscription.endpoint;
          auth = subscription.toJSON().keys.auth;
          function register(timeZone) {
            return postJson('/v1/push-subscriptions', { subscription: subscription.toJSON(), sections: sections, tags: tags, breakingOnly: breakingOnly, timeZone: timeZone });
          }
          var timeZone = browserTimeZone();
          // A zone newer than the service's tz database is refused; alerts in UTC beat no alerts.
          return register(timeZone).then(function (response) {
            if (response.status !== 400 || !timeZone) return response;
            return response.clone().json().then(
              function (body) { return body && body.error && body.error.code === 'SUBSCRIBER.UNKNOWN_TIME_ZONE' ? register(undefined) : response; },
              function () { return response; }
            );
          });
        });
    }
  });
})();
`;
