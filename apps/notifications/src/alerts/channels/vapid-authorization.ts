import webpush from 'web-push';

/** What VAPID needs: the contact (`mailto:` or `https:`) and the application server's P-256 key pair (base64url). */
export interface VapidKeys {
  subject: string;
  publicKey: string;
  privateKey: string;
}

/** How long a signed VAPID token is valid (RFC 8292 §2: no more than 24 hours). */
export const VAPID_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** A token is signed again once less than this is left, so none expires on its way. */
const RENEW_BEFORE_SECONDS = 3600;

/**
 * The `Authorization: vapid t=<JWT>, k=<public key>` header (RFC 8292) per push service.
 *
 * A VAPID token names the push service's origin (`aud`) and an expiry, nothing about the
 * subscription, so one token serves every push to that service until it nears its expiry.
 * web-push signs a new ES256 token for every request — measured at about a sixth of the
 * notifications process's CPU during a fan-out — so the token is signed once per origin and
 * reused for up to `VAPID_TOKEN_LIFETIME_SECONDS` less an hour.
 */
export class VapidAuthorizations {
  private readonly byOrigin = new Map<string, { header: string; expiresAt: number }>();

  /** @param now seconds since the epoch (a test's clock) */
  constructor(
    private readonly keys: VapidKeys,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** The header for a push to `endpoint` (an https URL on a push service). */
  headerFor(endpoint: string): string {
    const origin = new URL(endpoint).origin;
    const now = this.now();
    const cached = this.byOrigin.get(origin);
    if (cached && cached.expiresAt - now > RENEW_BEFORE_SECONDS) return cached.header;
    const expiresAt = now + VAPID_TOKEN_LIFETIME_SECONDS;
    const { Authorization } = webpush.getVapidHeaders(origin, this.keys.subject, this.keys.publicKey, this.keys.privateKey, 'aes128gcm', expiresAt);
    this.byOrigin.set(origin, { header: Authorization, expiresAt });
    return Authorization;
  }
}
