import {
  createParamDecorator,
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '@newsroom/contracts';
import { SERVICE_RUNTIME_CONFIG, type ServiceRuntimeConfig } from '@newsroom/config';
import { hasAnyRole, type AuthenticatedUser, type Role } from './roles';
import type { JWTVerifyGetKey } from 'jose';
import { keySetFrom } from './key-set';
import { DEFAULT_TOKEN_EXPECTATIONS, verifyToken } from './tokens';

const PUBLIC_KEY = 'newsroom:public';
const ROLES_KEY = 'newsroom:roles';

/** The route needs no token (public pages, health, subscriber links). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller needs one of these roles (admins pass every role check). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
  if (!request.user) throw new DomainError('AUTH.REQUIRED', 'A bearer token is required', 'unauthorized');
  return request.user;
});

/**
 * Global guard: every HTTP route needs a valid bearer token unless marked
 * @Public(), and the roles named by @Roles(). Tokens are ES256 JWTs verified
 * against the configured JWKS (JWT_JWKS_URL or JWT_JWKS_FILE); no service holds a
 * signing key. Non-HTTP contexts (Kafka consumers) are not guarded here.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_RUNTIME_CONFIG) private readonly config: ServiceRuntimeConfig,
  ) {}

  private keys?: JWTVerifyGetKey;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('AUTH.REQUIRED', 'A bearer token is required (Authorization: Bearer <token>)', 'unauthorized');
    this.keys ??= keySetFrom({ jwksUrl: this.config.jwtJwksUrl, jwksFile: this.config.jwtJwksFile });
    const user = await verifyToken(match[1], this.keys, {
      issuer: this.config.jwtIssuer ?? DEFAULT_TOKEN_EXPECTATIONS.issuer,
      audience: this.config.jwtAudience ?? DEFAULT_TOKEN_EXPECTATIONS.audience,
    });
    request.user = user;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required && !hasAnyRole(user, required)) {
      throw new DomainError('AUTH.FORBIDDEN', `This action needs the role ${required.join(' or ')}`, 'forbidden');
    }
    return true;
  }
}
