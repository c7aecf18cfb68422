import { createHmac, timingSafeEqual } from 'node:crypto';
import { linkExpired, linkInvalid } from './link.errors';

/** What a link lets its holder do: confirm a signup, or manage (preferences, unsubscribe). */
export type LinkPurpose = 'confirm' | 'manage';
/** Email subscribers and push subscriptions are separate recipients with separate ids. */
export type RecipientKind = 'email' | 'push';

export interface LinkClaims {
  recipientId: string;
  kind: RecipientKind;
  purpose: LinkPurpose;
  /** Unix time in seconds after which the link is refused. */
  expiresAt: number;
}

export const LINK_LIFETIMES_SECONDS: Record<LinkPurpose, number> = {
  confirm: 3 * 24 * 3600,
  // Unsubscribe links in old emails must keep working for a long time.
  manage: 365 * 24 * 3600,
};

const VERSION = 'v1';
const MAX_TOKEN_LENGTH = 512;
const TOKEN_SHAPE = /^v1\.[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KIND_CODES: Record<RecipientKind, string> = { email: 'e', push: 'p' };
const PURPOSE_CODES: Record<LinkPurpose, string> = { confirm: 'c', manage: 'm' };

/**
 * Signs and checks the tokens in subscriber links: `v1.<claims>.<HMAC-SHA256>`,
 * base64url. The signature covers the version and the claims, so no claim can
 * be changed; it is compared in constant time before the claims are even parsed.
 */
export class SubscriberLinkSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    // A key of its own for links, so the secret is never used for two things.
    this.key = createHmac('sha256', secret).update('newsroom subscriber links').digest();
  }

  sign(recipientId: string, kind: RecipientKind, purpose: LinkPurpose, lifetimeSeconds = LINK_LIFETIMES_SECONDS[purpose]): string {
    const expiresAt = Math.floor(this.now() / 1000) + lifetimeSeconds;
    const claims = Buffer.from(JSON.stringify({ s: recipientId, k: KIND_CODES[kind], p: PURPOSE_CODES[purpose], e: expiresAt })).toString('base64url');
    return `${VERSION}.${claims}.${this.signature(`${VERSION}.${claims}`).toString('base64url')}`;
  }

  /** The claims of a genuine, unexpired token made for `purpose`; LINK.INVALID / LINK.EXPIRED otherwise. */
  verify(token: unknown, purpose: LinkPurpose): LinkClaims {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) throw linkInvalid();
    const [version, claimsPart, signaturePart] = token.split('.');
    // Compared as text, not decoded: base64url's last character carries spare bits that decoding
    // ignores, and each link has one spelling (a limit or a log keyed on it sees one link).
    const expected = Buffer.from(this.signature(`${version}.${claimsPart}`).toString('base64url'));
    const given = Buffer.from(signaturePart);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw linkInvalid();
    const claims = parseClaims(claimsPart);
    if (!claims || claims.purpose !== purpose) throw linkInvalid();
    if (Math.floor(this.now() / 1000) >= claims.expiresAt) throw linkExpired(purpose, claims.kind);
    return claims;
  }

  private signature(data: string): Buffer {
    return createHmac('sha256', this.key).update(data).digest();
  }
}

function parseClaims(part: string): LinkClaims | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const { s, k, p, e } = (raw ?? {}) as Record<string, unknown>;
  const kind = (Object.keys(KIND_CODES) as RecipientKind[]).find((key) => KIND_CODES[key] === k);
  const purpose = (Object.keys(PURPOSE_CODES) as LinkPurpose[]).find((key) => PURPOSE_CODES[key] === p);
  if (typeof s !== 'string' || !UUID.test(s) || !kind || !purpose || typeof e !== 'number' || !Number.isInteger(e)) return undefined;
  return { recipientId: s, kind, purpose, expiresAt: e };
}
