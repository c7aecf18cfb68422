import { parseRateLimits, type RateLimits } from './rate-limits';

/** One kind of request that is limited: which limits count it, and what it is about. */
export interface LimitedRoute {
  /** Names its limits: `<name>:client` and `<name>:target` (either may be absent from the limits). */
  name: string;
  methods: readonly string[];
  /** Matched against the request's path (no query string). */
  path: RegExp;
  /** What the request is about (a normalised e-mail address, a link token); undefined counts nothing per target. */
  target?: (request: { body?: unknown; query?: unknown }) => string | undefined;
  /**
   * Count only the requests that fail: one answered below 400 is given back once its answer is
   * sent. For sign-in, where the limit stops guessing, so a person who signs in often (several
   * devices, sessions that end) is never locked out by their own right passwords.
   */
  failuresOnly?: boolean;
  /**
   * Give back the per-target count of a request refused for what it sent (answered 400 or 422):
   * the target's limit bounds what the route does to its target (a sign-up's confirmation e-mail
   * to one address), and a refused request did nothing to it, so a person correcting a form's
   * mistakes does not use up their address's allowance. The per-client count stays, so a client
   * sending nothing but refused requests is still bounded.
   */
  refusalsFreeForTarget?: boolean;
}

export interface RateLimitOptions {
  limits: RateLimits;
  routes: readonly LimitedRoute[];
  /** How many proxies in front of the service append to X-Forwarded-For (TRUST_PROXY); 0 ignores the header. */
  trustedProxies: number;
}

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');

/** What RateLimitModule needs, from a service's validated RATE_LIMITS and TRUST_PROXY. */
export function rateLimitOptions(
  env: { RATE_LIMITS: string; TRUST_PROXY: number },
  defaults: RateLimits,
  routes: readonly LimitedRoute[],
): RateLimitOptions {
  return { limits: parseRateLimits(env.RATE_LIMITS, defaults), routes, trustedProxies: env.TRUST_PROXY };
}
