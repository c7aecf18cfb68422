import { createECDH, randomBytes } from 'node:crypto';
import { thrownCodeOf } from '../../../test/fixtures';
import { PushServiceAllowList } from '../../shared/push-services/push-services';
import { maskEmail } from './email-address';
import { assertUsablePushSubscription, endpointHost } from './push-endpoint';

const p256dh = createECDH('prime256v1').generateKeys().toString('base64url');
const auth = randomBytes(16).toString('base64url');
const services = PushServiceAllowList.parse('fcm.googleapis.com,push.example,p.example');

describe('assertUsablePushSubscription', () => {
  it('accepts what a browser sends', () => {
    expect(() => assertUsablePushSubscription('https://fcm.googleapis.com/fcm/send/abc', { p256dh, auth }, services)).not.toThrow();
  });

  it('accepts keys with base64 padding', () => {
    expect(() => assertUsablePushSubscription('https://push.example/x', { p256dh: `${p256dh}=`, auth: `${auth}==` }, services)).not.toThrow();
  });

  it('refuses anything but an https endpoint', () => {
    expect(thrownCodeOf(() => assertUsablePushSubscription('http://push.example/x', { p256dh, auth }, services))).toBe('PUSH.INVALID_ENDPOINT');
    expect(thrownCodeOf(() => assertUsablePushSubscription('javascript:alert(1)', { p256dh, auth }, services))).toBe('PUSH.INVALID_ENDPOINT');
    expect(thrownCodeOf(() => assertUsablePushSubscription('https://user:pw@push.example/x', { p256dh, auth }, services))).toBe('PUSH.INVALID_ENDPOINT');
    expect(thrownCodeOf(() => assertUsablePushSubscription('not a url', { p256dh, auth }, services))).toBe('PUSH.INVALID_ENDPOINT');
  });

  it('refuses an https endpoint that is not on an allowed push service', () => {
    expect(thrownCodeOf(() => assertUsablePushSubscription('https://127.0.0.1:19443/', { p256dh, auth }, services))).toBe('PUSH.SERVICE_NOT_ALLOWED');
    expect(thrownCodeOf(() => assertUsablePushSubscription('https://fcm.googleapis.com:8443/x', { p256dh, auth }, services))).toBe('PUSH.SERVICE_NOT_ALLOWED');
  });

  it('refuses keys that cannot encrypt a payload', () => {
    expect(thrownCodeOf(() => assertUsablePushSubscription('https://p.example/x', { p256dh: Buffer.alloc(65, 7).toString('base64url'), auth }, services))).toBe('PUSH.INVALID_KEYS');
    expect(thrownCodeOf(() => assertUsablePushSubscription('https://p.example/x', { p256dh: 'not base64!', auth }, services))).toBe('PUSH.INVALID_KEYS');
    expect(thrownCodeOf(() => assertUsablePushSubscription('https://p.example/x', { p256dh, auth: randomBytes(8).toString('base64url') }, services))).toBe('PUSH.INVALID_KEYS');
  });
});

describe('recipient masking', () => {
  it('keeps the first letter and the domain of an address', () => {
    expect(maskEmail('alice@example.com')).toBe('a•••@example.com');
    expect(maskEmail('broken')).toBe('•••');
  });

  it('keeps only the host of a push endpoint', () => {
    expect(endpointHost('https://updates.push.services.mozilla.com/wpush/v2/secret-id')).toBe('updates.push.services.mozilla.com');
  });
});
