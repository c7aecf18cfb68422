import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimitedError } from './rate-limited.error';
import { RequestLimits } from './request-limits';

/**
 * Global guard: a request on a limited route is counted per client and per
 * target (RequestLimits); over either limit it is answered 429 with Retry-After
 * (seconds) and the coded error REQUEST.RATE_LIMITED, through the route's own
 * exception filter (an HTML page where the route answers HTML).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limits: RequestLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const result = await this.limits.check(http.getRequest<Request>());
    if (!result.allowed) {
      http.getResponse<Response>().setHeader('Retry-After', String(result.retryAfterSeconds));
      throw new RateLimitedError(result.retryAfterSeconds);
    }
    return true;
  }
}
