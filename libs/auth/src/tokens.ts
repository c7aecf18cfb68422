import jwt from 'jsonwebtoken';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '@newsroom/config';
import { DomainError, hasUnsupportedCharacter } from '@newsroom/contracts';
import { ROLES, type AuthenticatedUser, type Role } from './roles';

/**
 * Tokens are HS256 JWTs (RFC 7519): `sub` is the user id, `roles` the newsroom roles, `iss` who
 * issued it, `aud` who it is for, `exp` when it stops working. These are the development
 * defaults, which `npm run token` signs with too; a deployment may set others with JWT_ISSUER
 * and JWT_AUDIENCE.
 */
export const TOKEN_ISSUER = DEV_TOKEN_ISSUER;
export const TOKEN_AUDIENCE = DEV_TOKEN_AUDIENCE;
const ALGORITHM = 'HS256';

/** The longest user id a token may carry (a byline's `id` holds it). */
export const MAX_SUBJECT_LENGTH = 100;

/** What a service requires of every token besides its signature. */
export interface TokenExpectations {
  issuer: string;
  audience: string;
}

export const DEFAULT_TOKEN_EXPECTATIONS: TokenExpectations = { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE };

export function issueToken(
  user: AuthenticatedUser,
  secret: string,
  expiresInSeconds = 12 * 3600,
  claims: TokenExpectations = DEFAULT_TOKEN_EXPECTATIONS,
): string {
  return jwt.sign({ roles: user.roles, ...(user.name ? { name: user.name } : {}) }, secret, {
    algorithm: ALGORITHM,
    subject: user.id,
    issuer: claims.issuer,
    audience: claims.audience,
    expiresIn: expiresInSeconds,
  });
}

/**
 * The user a bearer token speaks for. Refused with 401 (`AUTH.TOKEN_EXPIRED` once `exp` has
 * passed, `AUTH.INVALID_TOKEN` otherwise, the message saying why) unless the token is an
 * HS256 JWT signed with `secret` whose `iss` and `aud` are the expected ones, that has an
 * `exp`, a `sub` that is a non-empty string of at most MAX_SUBJECT_LENGTH characters, and at
 * least one newsroom role.
 */
export function verifyToken(token: string, secret: string, expected: TokenExpectations = DEFAULT_TOKEN_EXPECTATIONS): AuthenticatedUser {
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer: expected.issuer, audience: expected.audience });
    if (typeof decoded === 'string') throw new Error('unexpected string payload');
    claims = decoded;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new DomainError('AUTH.TOKEN_EXPIRED', 'The bearer token has expired', 'unauthorized');
    throw invalid(reasonOf(error));
  }
  // jsonwebtoken checks `exp` only when it is there; a token without one would never expire.
  if (typeof claims.exp !== 'number') throw invalid('it has no expiry (exp)');
  const subject: unknown = claims.sub;
  if (typeof subject !== 'string' || subject.trim() === '' || subject.length > MAX_SUBJECT_LENGTH || hasUnsupportedCharacter(subject)) {
    throw invalid(`its subject (sub) must be a user id: a non-empty string of at most ${MAX_SUBJECT_LENGTH} characters`);
  }
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
  if (roles.length === 0) throw invalid('it carries no newsroom role');
  return { id: subject, roles, ...(typeof claims.name === 'string' ? { name: claims.name } : {}) };
}

function invalid(reason: string): DomainError {
  return new DomainError('AUTH.INVALID_TOKEN', `The bearer token is not valid: ${reason}`, 'unauthorized');
}

/** Why jsonwebtoken refused a token, in words safe to tell the caller (nothing from the token). */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('jwt audience invalid')) return 'it is not meant for this service (aud)';
  if (message.startsWith('jwt issuer invalid')) return 'it comes from another issuer (iss)';
  if (message.startsWith('jwt not active')) return 'it is not valid yet (nbf)';
  if (error instanceof jwt.JsonWebTokenError && /signature|algorithm/.test(message)) return 'its signature does not verify';
  return 'it is not a signed JWT';
}
