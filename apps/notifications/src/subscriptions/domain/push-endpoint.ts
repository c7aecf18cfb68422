import { ARTICLE_LIMITS } from '@newsroom/contracts';
import type { PushServiceAllowList } from '../../shared/push-services/push-services';
import { invalidPushEndpoint, invalidPushKeys, pushServiceNotAllowed } from './subscription.errors';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Checks the parts of a browser PushSubscription that delivery relies on: an
 * HTTPS URL on one of the allowed push services (PUSH.INVALID_ENDPOINT,
 * PUSH.SERVICE_NOT_ALLOWED), the P-256 public key (65-byte uncompressed point)
 * and the 16-byte auth secret, both base64url as the Push API serialises them
 * (PUSH.INVALID_KEYS).
 */
export function assertUsablePushSubscription(endpoint: string, keys: { p256dh: string; auth: string }, services: PushServiceAllowList): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalidPushEndpoint('subscription.endpoint must be an absolute https URL');
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') {
    throw invalidPushEndpoint('subscription.endpoint must be an https URL of a push service, without credentials');
  }
  if (endpoint.length > ARTICLE_LIMITS.url.maxLength) {
    throw invalidPushEndpoint(`subscription.endpoint must be at most ${ARTICLE_LIMITS.url.maxLength} characters`);
  }
  if (!services.allows(url)) throw pushServiceNotAllowed(services.describe());
  const p256dh = decode(keys.p256dh);
  if (!p256dh || p256dh.length !== 65 || p256dh[0] !== 0x04) {
    throw invalidPushKeys('subscription.keys.p256dh must be the base64url uncompressed P-256 public key (65 bytes) from the browser');
  }
  const auth = decode(keys.auth);
  if (!auth || auth.length !== 16) {
    throw invalidPushKeys('subscription.keys.auth must be the base64url 16-byte auth secret from the browser');
  }
}

function decode(value: string): Buffer | undefined {
  return typeof value === 'string' && BASE64URL.test(value) ? Buffer.from(value.replace(/=+$/, ''), 'base64url') : undefined;
}

/** Only the push service's host: enough to tell services apart, nothing that identifies the browser. */
export function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return '(invalid endpoint)';
  }
}
