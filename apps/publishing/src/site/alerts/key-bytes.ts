/**
 * `keyBytes(base64url)`: a VAPID public key (base64url, as the notifications service gives it)
 * as the bytes PushManager.subscribe() takes for `applicationServerKey` (not every browser takes
 * the string). Source text in plain ES5, written into both of the site's scripts (the page's
 * alerts.js and the service worker), which have no build step and no imports.
 */
export const KEY_BYTES_FUNCTION = `function keyBytes(base64url) {
  var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
  var bytes = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}`;
