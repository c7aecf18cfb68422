import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface VapidClaims {
  subject?: string;
  publicKey: string;
  expiresAt: number;
}

/** Why a request's VAPID credentials were refused, with the status a push service would answer. */
export class VapidError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

// RFC 8292 §2: a push service rejects tokens that expire more than 24 hours ahead.
const MAX_LIFETIME_SECONDS = 24 * 60 * 60;
const CLOCK_SKEW_SECONDS = 60;

/**
 * Checks an `Authorization: vapid t=<jwt>, k=<key>` header the way a push service does:
 * the ES256 signature against `k`, `aud` against the origin that was called, and `exp`.
 */
export function verifyVapid(authorization: string | undefined, audience: string, nowMs = Date.now()): VapidClaims {
  if (!authorization) throw new VapidError(401, 'missing Authorization header');
  const scheme = /^vapid\s+(.*)$/i.exec(authorization.trim());
  if (!scheme) throw new VapidError(401, 'Authorization scheme is not vapid');
  const params = new Map<string, string>();
  for (const part of scheme[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const token = params.get('t');
  const publicKey = params.get('k');
  if (!token || !publicKey) throw new VapidError(401, 'vapid credentials need both t and k');

  const [encodedHeader, encodedPayload, encodedSignature, ...rest] = token.split('.');
  if (!encodedHeader || !encodedPayload || !encodedSignature || rest.length > 0) throw new VapidError(403, 'token is not a JWS');
  const header = decodeJson(encodedHeader);
  const payload = decodeJson(encodedPayload);
  if (header?.alg !== 'ES256') throw new VapidError(403, 'token must be signed with ES256');
  if (!payload) throw new VapidError(403, 'token payload is not JSON');

  const signed = verify(
    'sha256',
    Buffer.from(`${encodedHeader}.${encodedPayload}`),
    { key: p256PublicKey(publicKey), dsaEncoding: 'ieee-p1363' },
    Buffer.from(encodedSignature, 'base64url'),
  );
  if (!signed) throw new VapidError(403, 'token signature does not match k');
  if (payload.aud !== audience) throw new VapidError(403, `token aud ${String(payload.aud)} is not ${audience}`);
  const now = Math.floor(nowMs / 1000);
  if (typeof payload.exp !== 'number') throw new VapidError(403, 'token has no exp');
  if (payload.exp <= now - CLOCK_SKEW_SECONDS) throw new VapidError(403, 'token has expired');
  if (payload.exp > now + MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) throw new VapidError(403, 'token expires more than 24 hours ahead');
  return { subject: typeof payload.sub === 'string' ? payload.sub : undefined, publicKey, expiresAt: payload.exp };
}

/** VAPID `k` is an uncompressed P-256 point (0x04 || x || y) in base64url; Node wants a JWK. */
function p256PublicKey(encoded: string): KeyObject {
  const point = Buffer.from(encoded, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04) throw new VapidError(403, 'k is not an uncompressed P-256 public key');
  try {
    return createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      format: 'jwk',
    });
  } catch {
    throw new VapidError(403, 'k is not a point on P-256');
  }
}

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
