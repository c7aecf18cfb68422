import jwt from 'jsonwebtoken';
import { DomainError } from '@newsroom/contracts';
import { ROLES, type AuthenticatedUser, type Role } from './roles';

/** Tokens are HS256 JWTs: `sub` is the user id, `roles` the newsroom roles. */
export const TOKEN_ISSUER = 'newsroom';
const ALGORITHM = 'HS256';

export function issueToken(user: AuthenticatedUser, secret: string, expiresInSeconds = 12 * 3600): string {
  return jwt.sign({ roles: user.roles, ...(user.name ? { name: user.name } : {}) }, secret, {
    algorithm: ALGORITHM,
    subject: user.id,
    issuer: TOKEN_ISSUER,
    expiresIn: expiresInSeconds,
  });
}

export function verifyToken(token: string, secret: string): AuthenticatedUser {
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer: TOKEN_ISSUER });
    if (typeof decoded === 'string') throw new Error('unexpected string payload');
    claims = decoded;
  } catch (error) {
    const expired = error instanceof jwt.TokenExpiredError;
    throw new DomainError(
      expired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.INVALID_TOKEN',
      expired ? 'The bearer token has expired' : 'The bearer token is not valid',
      'unauthorized',
    );
  }
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
  if (!claims.sub || roles.length === 0) {
    throw new DomainError('AUTH.INVALID_TOKEN', 'The bearer token has no subject or no newsroom role', 'unauthorized');
  }
  return { id: claims.sub, roles, ...(typeof claims.name === 'string' ? { name: claims.name } : {}) };
}
