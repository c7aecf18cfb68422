import { createECDH, randomBytes } from 'node:crypto';
import { preferences } from '../../../test/fixtures';
import { PushSubscription } from './push-subscription';
import { PushServiceAllowList } from '../../shared/push-services/push-services';

const p256dh = createECDH('prime256v1').generateKeys().toString('base64url');
const auth = randomBytes(16).toString('base64url');
const t0 = new Date('2025-11-21T08:00:00Z');
const politics = preferences({ sections: ['politics'] });
const register = (overrides: Partial<Parameters<typeof PushSubscription.register>[0]> = {}) =>
  PushSubscription.register({ id: 'p1', endpoint: 'https://push.example/x', keys: { p256dh: `${p256dh}=`, auth: `${auth}==` }, expirationTime: null, preferences: politics, services: PushServiceAllowList.parse('push.example,updates.push.services.mozilla.com'), siteSections: ['politics', 'business'], ...overrides });

describe(PushSubscription.name, () => {
  it('is active from the start, with its keys stored without padding', () => {
    const push = register();
    expect(push.subscribed).toBe(true);
    expect(push.receivesAlerts(t0)).toBe(true);
    expect(push.snapshot()).toMatchObject({ p256dh, auth, active: true, deactivatedReason: null });
  });

  it('refuses endpoints and keys a push service cannot use', () => {
    expect(() => register({ endpoint: 'http://push.example/x' })).toThrow(expect.objectContaining({ code: 'PUSH.INVALID_ENDPOINT' }));
    expect(() => register({ keys: { p256dh, auth: 'short' } })).toThrow(expect.objectContaining({ code: 'PUSH.INVALID_KEYS' }));
  });

  it('stops receiving alerts after the expiration time the browser gave', () => {
    const push = register({ expirationTime: new Date(t0.getTime() + 1000) });
    expect(push.receivesAlerts(t0)).toBe(true);
    expect(push.receivesAlerts(new Date(t0.getTime() + 1000))).toBe(false);
  });

  it('unsubscribes once, and refuses preference changes afterwards', () => {
    const push = register();
    expect(push.unsubscribe(t0)).toBe(true);
    expect(push.unsubscribe(t0)).toBe(false);
    expect(push.snapshot()).toMatchObject({ active: false, deactivatedAt: t0, deactivatedReason: 'unsubscribed' });
    expect(() => push.changePreferences(politics)).toThrow(expect.objectContaining({ code: 'SUBSCRIBER.UNSUBSCRIBED' }));
  });

  it('ends when the push service says the subscription is gone, keeping its answer', () => {
    const push = register();
    expect(push.endedByPushService('push service answered 410', t0)).toBe(true);
    expect(push.snapshot().deactivatedReason).toBe('push service answered 410');
    expect(push.receivesAlerts(t0)).toBe(false);
  });

  it('labels itself by the push service host only', () => {
    expect(register({ endpoint: 'https://updates.push.services.mozilla.com/wpush/v2/secret' }).label).toBe(
      'notifications in a browser (via updates.push.services.mozilla.com)',
    );
  });
});
