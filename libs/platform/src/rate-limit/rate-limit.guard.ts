import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimitedError } from './rate-limited.error';
import { RequestLimits } from './request-limits';

/**
 * Global guard: a request on a limited route is counted per client and per
 * target (RequestLimits); over either limit it is answered 429 with Retry-After
 * (seconds) and the coded error REQUEST.RATE_LIMITED, through the route's own
 * exception filter (an HTML page where the route answers HTML). On a route that counts
 * failures only, a success is given back once its answer is sent.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limits: RequestLimits) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const result = await this.limits.check(request);
    if (!result.allowed) {
      response.setHeader('Retry-After', String(result.retryAfterSeconds));
      throw new RateLimitedError(result.retryAfterSeconds);
    }
    // Some answers give a count back (a success where only failures count, a refusal free for
    // its target), once sent.
    response.once('finish', () => void this.limits.answered(request, response.statusCode));
    return true;
  }
}
