import webpush from 'web-push';
import { VAPID_TOKEN_LIFETIME_SECONDS, VapidAuthorizations } from './vapid-authorization';

const keys = { subject: 'mailto:alerts@newsroom.test', ...webpush.generateVAPIDKeys() };

/** The JWT's claims from `vapid t=<jwt>, k=<key>`. */
function claimsOf(header: string): { aud: string; exp: number; sub: string } {
  const token = /^vapid t=([^,]+), k=(.+)$/.exec(header);
  if (!token) throw new Error(`not a VAPID header: ${header}`);
  return JSON.parse(Buffer.from(token[1].split('.')[1], 'base64url').toString('utf8'));
}

describe(VapidAuthorizations.name, () => {
  // web-push refuses an expiry more than 24 hours from the real clock, so the test clock starts there.
  const START = Math.floor(Date.now() / 1000);

  it('signs a token for the push service’s origin, with the subject and an expiry within 24 hours (RFC 8292)', () => {
    const header = new VapidAuthorizations(keys, () => START).headerFor('https://fcm.googleapis.com/fcm/send/abc:def');
    expect(header).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${keys.publicKey}$`));
    expect(claimsOf(header)).toEqual({ aud: 'https://fcm.googleapis.com', exp: START + VAPID_TOKEN_LIFETIME_SECONDS, sub: keys.subject });
    expect(VAPID_TOKEN_LIFETIME_SECONDS).toBeLessThanOrEqual(24 * 3600);
  });

  it('reuses one token for every push to the same service, and signs another for another service', () => {
    const vapid = new VapidAuthorizations(keys, () => START);
    const first = vapid.headerFor('https://updates.push.services.mozilla.com/wpush/v2/one');
    expect(vapid.headerFor('https://updates.push.services.mozilla.com/wpush/v2/two')).toBe(first);
    const apple = vapid.headerFor('https://web.push.apple.com/QGuQyavXutnMei');
    expect(apple).not.toBe(first);
    expect(claimsOf(apple).aud).toBe('https://web.push.apple.com');
  });

  it('signs a new token before the old one expires, never handing out one with less than an hour left', () => {
    let now = START;
    const vapid = new VapidAuthorizations(keys, () => now);
    const first = vapid.headerFor('https://fcm.googleapis.com/fcm/send/x');
    now = START + VAPID_TOKEN_LIFETIME_SECONDS - 3601;
    expect(vapid.headerFor('https://fcm.googleapis.com/fcm/send/y')).toBe(first);
    now = START + VAPID_TOKEN_LIFETIME_SECONDS - 3600;
    const renewed = vapid.headerFor('https://fcm.googleapis.com/fcm/send/z');
    expect(renewed).not.toBe(first);
    expect(claimsOf(renewed).exp).toBe(now + VAPID_TOKEN_LIFETIME_SECONDS);
  });
});
