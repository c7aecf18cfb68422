import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientAddressOf } from './client-address';
import { RateLimitedError } from './rate-limited.error';
import { RateLimitStore } from './rate-limit-store';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit.options';

/**
 * Global guard: a request on a limited route is counted per client and per
 * target; over either limit it is answered 429 with Retry-After (seconds) and the
 * coded error REQUEST.RATE_LIMITED, through the route's own exception filter (an
 * HTML page where the route answers HTML). The client's count is checked first,
 * so a client already over its limit does not use up a target's allowance.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly store: RateLimitStore,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const route = this.options.routes.find((candidate) => candidate.methods.includes(request.method) && candidate.path.test(request.path));
    if (!route) return true;
    const target = route.target?.(request);
    const counts: [string, string | undefined][] = [
      [`${route.name}:client`, clientAddressOf(request, this.options.trustedProxies)],
      [`${route.name}:target`, target],
    ];
    for (const [limit, key] of counts) {
      if (key === undefined) continue;
      const result = await this.store.consume(limit, key);
      if (!result.allowed) {
        context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(result.retryAfterSeconds));
        throw new RateLimitedError(result.retryAfterSeconds);
      }
    }
    return true;
  }
}
