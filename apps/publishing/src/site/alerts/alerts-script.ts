/**
 * The page script behind the signup box's "Get alerts" button (site/rendering/subscribe-box.ts),
 * served at `/alerts.js`. Without it the page still works: the email form is plain HTML.
 *
 * On load it registers the service worker (/sw.js, scope `/`) and shows the button only when the
 * browser can take push messages. The permission prompt comes only after a click (browsers
 * penalise prompts on load, and readers rightly dislike them). Then it subscribes with the
 * notifications service's VAPID public key (`GET {alerts}/v1/push/vapid-public-key`) and registers
 * the subscription with the sections ticked in the form (`POST {alerts}/v1/push-subscriptions`;
 * none ticked: breaking news only), with the browser's IANA time zone
 * (`Intl.DateTimeFormat().resolvedOptions().timeZone`), in which the reader's quiet hours are
 * read. Both calls are cross-origin: the notifications service
 * allows the site's origin (CORS), and the site's CSP allows that origin in `connect-src`.
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
  function keyBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  // The zone quiet hours are read in; left out (UTC) where the browser cannot say.
  function browserTimeZone() {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      return typeof zone === 'string' && zone !== '' ? zone : undefined;
    } catch (error) {
      return undefined;
    }
  }
  button.hidden = false;
  button.addEventListener('click', function () {
    button.disabled = true;
    var form = button.closest('.subscribe-box').querySelector('form');
    var sections = Array.prototype.map.call(form.querySelectorAll('input[name=sections]:checked'), function (box) { return box.value; });
    var breakingOnly = form.querySelector('input[name=breakingOnly]').checked || sections.length === 0;
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== 'granted') throw Object.assign(new Error('permission ' + permission), { blocked: true });
        return Promise.all([registration, fetch(alertsUrl + '/v1/push/vapid-public-key').then(function (response) { return response.json(); })]);
      })
      .then(function (found) {
        var reg = found[0];
        return reg.pushManager.getSubscription().then(function (existing) {
          return existing || reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(found[1].publicKey) });
        });
      })
      .then(function (subscription) {
        function register(timeZone) {
          return fetch(alertsUrl + '/v1/push-subscriptions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ subscription: subscription.toJSON(), sections: sections, breakingOnly: breakingOnly, timeZone: timeZone }),
          });
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
      })
      .then(function (response) {
        if (!response.ok) throw new Error('push subscription refused: ' + response.status);
        say(button.getAttribute('data-on'));
      })
      .catch(function (error) {
        say(button.getAttribute(error && error.blocked ? 'data-blocked' : 'data-failed'));
        button.disabled = false;
      });
  });
})();
`;
