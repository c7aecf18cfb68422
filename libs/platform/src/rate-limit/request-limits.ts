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
  /** What each request counted that is given back for some answers (LimitedRoute.failuresOnly, refusalsFreeForTarget). */
  private readonly refundable = new WeakMap<object, Refundable>();
  /**
   * Give-backs under way, by limit and key: a request counted under the same ones waits for them,
   * so the next try after an answer that gives its count back (a corrected form sent at once)
   * sees the count given back, in this process at least.
   */
  private readonly givingBack = new Map<string, Promise<void>>();

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
      await this.givingBack.get(counter(limit, key));
      const result = await this.store.consume(limit, key);
      if (!result.allowed) return result;
      consumed.push([limit, key]);
    }
    const refundable: Refundable = {
      onSuccess: route.failuresOnly ? consumed : [],
      onRefusal: route.refusalsFreeForTarget ? consumed.filter(([limit]) => limit === `${route.name}:target`) : [],
    };
    if (refundable.onSuccess.length > 0 || refundable.onRefusal.length > 0) this.refundable.set(request, refundable);
    return { allowed: true };
  }

  /**
   * Called once the request was answered with `status`. On a route that counts failures only
   * (LimitedRoute.failuresOnly), a success (2xx) gives back what the request counted; a redirect
   * is not one (a form may redirect back on failure). On a route whose refusals are free for
   * their target (LimitedRoute.refusalsFreeForTarget), a 400 or 422 gives back the target's
   * count. An answer never finished keeps its count.
   */
  async answered(request: LimitedRequest, status: number): Promise<void> {
    const refundable = this.refundable.get(request);
    this.refundable.delete(request);
    if (!refundable) return;
    const givenBack = status >= 200 && status < 300 ? refundable.onSuccess : status === 400 || status === 422 ? refundable.onRefusal : [];
    await Promise.all(givenBack.map(([limit, key]) => this.giveBack(limit, key)));
  }

  private giveBack(limit: string, key: string): Promise<void> {
    const name = counter(limit, key);
    const done = (this.givingBack.get(name) ?? Promise.resolve()).then(() => this.store.giveBack(limit, key));
    this.givingBack.set(name, done);
    void done.finally(() => {
      if (this.givingBack.get(name) === done) this.givingBack.delete(name);
    });
    return done;
  }
}

const counter = (limit: string, key: string) => `${limit}\u0000${key}`;

/** The limits and keys a request counted that its answer may give back: on a success, on a refusal of its input. */
interface Refundable {
  onSuccess: [string, string][];
  onRefusal: [string, string][];
}
