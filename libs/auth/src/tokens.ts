import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '@newsroom/config';
import { DomainError, codePointName, findUnsupportedCharacter, type SigningJwk } from '@newsroom/contracts';
import { ROLES, type AuthenticatedUser, type Role } from './roles';

/**
 * Access tokens are ES256 JWTs (RFC 7519, RFC 7518 §3.4): `sub` is the user id, `roles` the
 * newsroom roles, `iss` who issued it (the desk), `aud` who it is for, `exp` when it stops
 * working, and the header's `kid` names the key in the issuer's JWKS. These are the development
 * issuer and audience, which `npm run token` signs for too; a deployment may set others with
 * JWT_ISSUER and JWT_AUDIENCE.
 */
export const TOKEN_ISSUER = DEV_TOKEN_ISSUER;
export const TOKEN_AUDIENCE = DEV_TOKEN_AUDIENCE;
/** The one algorithm accepted: HS256 (a shared secret) and `none` are refused. */
export const TOKEN_ALGORITHM = 'ES256';

/** The longest user id a token may carry (a byline's `id` holds it). */
export const MAX_SUBJECT_LENGTH = 100;

/** What a service requires of every token besides its signature. */
export interface TokenExpectations {
  issuer: string;
  audience: string;
}

export const DEFAULT_TOKEN_EXPECTATIONS: TokenExpectations = { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE };

// Declared in contracts so the test keys share it; re-exported for the token code's callers.
export type { SigningJwk };

/**
 * Signs an ES256 access token for `user` with `key`, valid `expiresInSeconds` from now.
 * Synchronous (node:crypto), so test clients can sign where they are built; the desk and the
 * dev token command (tools/scripts/token.mjs, kept equal by dev-token-command.spec.ts) make
 * the same claims.
 */
export function issueToken(
  user: AuthenticatedUser,
  key: SigningJwk,
  expiresInSeconds = 12 * 3600,
  claims: TokenExpectations = DEFAULT_TOKEN_EXPECTATIONS,
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: TOKEN_ALGORITHM, typ: 'JWT', kid: key.kid };
  const payload = {
    sub: user.id,
    roles: user.roles,
    ...(user.name ? { name: user.name } : {}),
    iss: claims.issuer,
    aud: claims.audience,
    iat: now,
    exp: now + expiresInSeconds,
    jti: randomUUID(),
  };
  const input = `${base64url(header)}.${base64url(payload)}`;
  const privateKey = createPrivateKey({ key: { kty: key.kty, crv: key.crv, x: key.x, y: key.y, d: key.d }, format: 'jwk' });
  // JWS wants the raw r||s pair (IEEE P1363), not node's default DER signature.
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * The user a bearer token speaks for. Refused with 401 (`AUTH.TOKEN_EXPIRED` once `exp` has
 * passed, `AUTH.INVALID_TOKEN` otherwise, the message saying why) unless the token is an ES256
 * JWT signed by a key of `keys` (a JWKS, chosen by `kid`) whose `iss` and `aud` are the expected
 * ones, that has an `exp`, a `sub` that is a non-empty string of at most MAX_SUBJECT_LENGTH
 * characters, and at least one newsroom role. When the key set cannot be fetched the answer is
 * 503 `AUTH.KEYS_UNAVAILABLE`: the token may well be good.
 */
export async function verifyToken(token: string, keys: JWTVerifyGetKey, expected: TokenExpectations = DEFAULT_TOKEN_EXPECTATIONS): Promise<AuthenticatedUser> {
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, keys, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: expected.issuer,
      audience: expected.audience,
      requiredClaims: ['exp', 'sub'],
    });
    claims = verified.payload;
  } catch (error) {
    throw refusal(error);
  }
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject.trim() === '' || subject.length > MAX_SUBJECT_LENGTH) {
    throw invalid(`its subject (sub) must be a user id: a non-empty string of at most ${MAX_SUBJECT_LENGTH} characters`);
  }
  // The text rule, and a user id is one line besides: it is written into logs, audits and bylines.
  const lineBreak = /[\t\n\r]/.exec(subject);
  const refused = findUnsupportedCharacter(subject)?.codePoint ?? (lineBreak ? codePointName(lineBreak[0].charCodeAt(0)) : undefined);
  if (refused) throw invalid(`its subject (sub) holds ${refused}, a character no user id may hold`);
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
  if (roles.length === 0) throw invalid('it carries no newsroom role');
  return { id: subject, roles, ...(typeof claims.name === 'string' ? { name: claims.name } : {}) };
}

function invalid(reason: string): DomainError {
  return new DomainError('AUTH.INVALID_TOKEN', `The bearer token is not valid: ${reason}`, 'unauthorized');
}

/** Why jose refused a token, in words safe to tell the caller (nothing from the token). */
function refusal(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof joseErrors.JWTExpired) return new DomainError('AUTH.TOKEN_EXPIRED', 'The bearer token has expired', 'unauthorized');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return invalid('it is not meant for this service (aud)');
    if (error.claim === 'iss') return invalid('it comes from another issuer (iss)');
    if (error.claim === 'nbf') return invalid('it is not valid yet (nbf)');
    if (error.claim === 'exp') return invalid('it has no expiry (exp)');
    if (error.claim === 'sub') return invalid(`its subject (sub) must be a user id: a non-empty string of at most ${MAX_SUBJECT_LENGTH} characters`);
    return invalid(`its ${error.claim} claim is not acceptable`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return invalid(`it is not signed with ${TOKEN_ALGORITHM}`);
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return invalid('its signature does not verify');
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return invalid('it is signed with a key the issuer does not publish (kid)');
  }
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid || isFetchFailure(error)) {
    return new DomainError('AUTH.KEYS_UNAVAILABLE', 'The token signing keys cannot be loaded; try again shortly', 'unavailable');
  }
  return invalid('it is not a signed JWT');
}

/** The key set's URL did not answer (jose's node build fetches with node:http, whose errors carry a system code). */
function isFetchFailure(error: unknown): boolean {
  if (error instanceof TypeError && /fetch/i.test(error.message)) return true;
  // A JWKS URL answering other than 200 OK.
  if (error instanceof joseErrors.JOSEError && error.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set/.test(error.message)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && !code.startsWith('ERR_');
}
