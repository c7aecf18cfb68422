import { Inject, Injectable } from '@nestjs/common';
import { clientAddressOf, type ClientRequest } from './client-address';
import { RateLimitStore, type Consumed } from './rate-limit-store';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit.options';

/** What counting needs of a request: an Express request, or a bare Node one with its path given apart. */
export type LimitedRequest = ClientRequest & { method?: string; path?: string; body?: unknown; query?: unknown };

/**
 * Counts one request against the limits of the route it matches (RateLimitOptions.routes), per
 * client and per target. The client's count comes first, so a client already over its limit
 * does not use up a target's allowance. A request is counted once however often it is asked
 * about: a handler in front of the framework (publishing's page cache) and RateLimitGuard may
 * both check it, and the second check answers what the first one counted.
 */
@Injectable()
export class RequestLimits {
  private readonly counted = new WeakMap<object, Promise<Consumed>>();
  /** What each request counted, on a route that counts failures only, to give back on success. */
  private readonly refundable = new WeakMap<object, [string, string][]>();

  constructor(
    private readonly store: RateLimitStore,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
  ) {}

  /**
   * Allowed, or over a limit with the seconds to wait (Retry-After); a route without limits is
   * always allowed. `path` is the request's path without the query (Express's `request.path` by default).
   */
  check(request: LimitedRequest, path = request.path ?? ''): Promise<Consumed> {
    let result = this.counted.get(request);
    if (!result) {
      result = this.count(request, path);
      this.counted.set(request, result);
    }
    return result;
  }

  private async count(request: LimitedRequest, path: string): Promise<Consumed> {
    const method = request.method ?? 'GET';
    // Matched as the router matches (Express: any case, a trailing slash or not), or
    // `POST /API/Session/` would reach the handler and pass every limit.
    const routed = path.toLowerCase().replace(/(.)\/+$/, '$1');
    const route = this.options.routes.find((candidate) => candidate.methods.includes(method) && candidate.path.test(routed));
    if (!route) return { allowed: true };
    const target = route.target?.(request);
    const counts: [string, string | undefined][] = [
      [`${route.name}:client`, clientAddressOf(request, this.options.trustedProxies)],
      [`${route.name}:target`, target],
    ];
    const consumed: [string, string][] = [];
    for (const [limit, key] of counts) {
      if (key === undefined) continue;
      const result = await this.store.consume(limit, key);
      if (!result.allowed) return result;
      consumed.push([limit, key]);
    }
    if (route.failuresOnly) this.refundable.set(request, consumed);
    return { allowed: true };
  }

  /**
   * Called once the request was answered with `status`: on a route that counts failures only
   * (LimitedRoute.failuresOnly), a success (2xx) gives back what the request counted. A redirect
   * is not one (a form may redirect back on failure), and an answer never finished keeps its count.
   */
  async answered(request: LimitedRequest, status: number): Promise<void> {
    const consumed = this.refundable.get(request);
    this.refundable.delete(request);
    if (!consumed || status < 200 || status >= 300) return;
    await Promise.all(consumed.map(([limit, key]) => this.store.giveBack(limit, key)));
  }
}
