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

  describe('when the browser replaces it', () => {
    const services = PushServiceAllowList.parse('push.example,updates.push.services.mozilla.com');
    const fresh = { endpoint: 'https://push.example/y', keys: { p256dh: createECDH('prime256v1').generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') } };
    const replace = (push: PushSubscription, input: Partial<typeof fresh> = {}) => push.replaceEndpoint({ ...fresh, ...input, expirationTime: null, services });

    it('is held by the browser that knows the auth secret of its endpoint, padded or not', () => {
      const push = register();
      expect(push.heldBy('https://push.example/x', auth)).toBe('current');
      expect(push.heldBy('https://push.example/x', `${auth}==`)).toBe('current');
      expect(push.heldBy('https://push.example/x', randomBytes(16).toString('base64url'))).toBe(false);
      expect(push.heldBy('https://push.example/x', auth.slice(1))).toBe(false);
      expect(push.heldBy('https://push.example/other', auth)).toBe(false);
    });

    it('takes the new endpoint and keys, keeps its id and preferences, and remembers the old endpoint', () => {
      const push = register();
      replace(push);
      expect(push.snapshot()).toMatchObject({
        id: 'p1',
        endpoint: fresh.endpoint,
        p256dh: fresh.keys.p256dh,
        auth: fresh.keys.auth,
        replacedEndpoint: 'https://push.example/x',
        replacedAuth: auth,
        preferences: politics,
      });
      expect(push.heldBy('https://push.example/x', auth)).toBe('replaced');
      expect(push.heldBy(fresh.endpoint, fresh.keys.auth)).toBe('current');
      expect(push.stillAt('https://push.example/x')).toBe(false);
      expect(push.stillAt(fresh.endpoint)).toBe(true);
    });

    it('is active again after the push service ended it (often the first sign of a rotation)', () => {
      const push = register();
      push.endedByPushService('push service answered 410', t0);
      expect(push.cancelledByOwner).toBe(false);
      replace(push);
      expect(push.snapshot()).toMatchObject({ active: true, deactivatedAt: null, deactivatedReason: null });
      expect(push.receivesAlerts(t0)).toBe(true);
    });

    it('stays cancelled when its owner unsubscribed', () => {
      const push = register();
      push.unsubscribe(t0);
      expect(push.cancelledByOwner).toBe(true);
      expect(() => replace(push)).toThrow(expect.objectContaining({ code: 'SUBSCRIBER.UNSUBSCRIBED' }));
      expect(push.snapshot()).toMatchObject({ endpoint: 'https://push.example/x', active: false });
    });

    it('refuses a new endpoint or keys a push service cannot use, changing nothing', () => {
      const push = register();
      expect(() => replace(push, { endpoint: 'https://push.elsewhere.example/y' })).toThrow(expect.objectContaining({ code: 'PUSH.SERVICE_NOT_ALLOWED' }));
      expect(() => replace(push, { keys: { p256dh: fresh.keys.p256dh, auth: 'short' } })).toThrow(expect.objectContaining({ code: 'PUSH.INVALID_KEYS' }));
      expect(push.snapshot()).toMatchObject({ endpoint: 'https://push.example/x', replacedEndpoint: null });
    });

    it('ends as superseded when the new endpoint was registered on its own', () => {
      const push = register();
      expect(push.supersede(t0)).toBe(true);
      expect(push.supersede(t0)).toBe(false);
      expect(push.snapshot()).toMatchObject({ active: false, deactivatedReason: 'replaced by a newer subscription of the same browser' });
    });
  });

  it("tells its browser's page whether it is active, stopped by its owner, or ended by the push service or a newer subscription", () => {
    expect(register().status).toBe('active');
    const stopped = register();
    stopped.unsubscribe(t0);
    expect(stopped.status).toBe('stopped');
    const gone = register();
    gone.endedByPushService('push service answered 410', t0);
    expect(gone.status).toBe('ended');
    const superseded = register();
    superseded.supersede(t0);
    expect(superseded.status).toBe('ended');
  });

  it('labels itself by the push service host only', () => {
    expect(register({ endpoint: 'https://updates.push.services.mozilla.com/wpush/v2/secret' }).label).toBe(
      'notifications in a browser (via updates.push.services.mozilla.com)',
    );
  });
});
