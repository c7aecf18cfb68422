import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { hasAnyRole, type Role } from '@newsroom/auth';
import { DomainError } from '@newsroom/contracts';
import { sameSecret } from '../domain/secrets';
import { ResolveSessionUseCase, type ActiveSession } from '../use-cases/resolve-session/resolve-session.use-case';
import { sessionCookieOf } from './session-cookie';

const NO_SESSION_KEY = 'desk:no-session';
const DESK_ROLES_KEY = 'desk:roles';

/** The route works without a session (sign-in, accepting an invitation): no session, no CSRF token. */
export const WithoutSession = () => SetMetadata(NO_SESSION_KEY, true);

/** The signed-in person needs one of these roles (admins pass every check). */
export const DeskRoles = (...roles: Role[]) => SetMetadata(DESK_ROLES_KEY, roles);

/** The CSRF header the desk's API asks for on every request that changes something. */
export const CSRF_HEADER = 'x-csrf-token';

type DeskRequest = Request & { deskSession?: ActiveSession };

/** The session the guard found for this request. */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): ActiveSession => {
  const session = context.switchToHttp().getRequest<DeskRequest>().deskSession;
  if (!session) throw noSession();
  return session;
});

/**
 * The desk API's guard: a live session cookie (401 AUTH.NO_SESSION otherwise), on every method
 * but GET and HEAD the header X-CSRF-Token equal to the session's CSRF token (403
 * AUTH.CSRF_REJECTED), and the roles named by @DeskRoles() (403 AUTH.FORBIDDEN). Routes marked
 * @WithoutSession() still have to send JSON, which a cross-site form cannot.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolve: ResolveSessionUseCase,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<DeskRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const changes = request.method !== 'GET' && request.method !== 'HEAD';
    if (this.reflector.getAllAndOverride<boolean>(NO_SESSION_KEY, targets)) {
      if (changes && !request.is('application/json')) {
        throw new DomainError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON (Content-Type: application/json)', 'unsupported_media_type');
      }
      return true;
    }
    const cookie = sessionCookieOf(request);
    const session = cookie ? await this.resolve.execute(cookie) : undefined;
    if (!session) throw noSession();
    if (changes && !sameSecret(request.headers[CSRF_HEADER], session.csrfToken)) {
      throw new DomainError('AUTH.CSRF_REJECTED', 'This request needs the header X-CSRF-Token with the csrfToken of GET /api/session', 'forbidden');
    }
    request.deskSession = session;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(DESK_ROLES_KEY, targets);
    if (required && !hasAnyRole(session.user, required)) {
      throw new DomainError('AUTH.FORBIDDEN', `This action needs the role ${required.join(' or ')}`, 'forbidden');
    }
    return true;
  }
}

function noSession(): DomainError {
  return new DomainError('AUTH.NO_SESSION', 'Sign in first (POST /api/session)', 'unauthorized');
}
