import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';

/** At most `points` requests per `durationSeconds`, counted in a fixed window that starts with the first. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
  /**
   * Counted in each process's memory instead of the service's shared PostgreSQL table (see
   * RateLimitStore): no database round trip per request, but each replica counts on its own.
   * For limits on cheap, high-volume reads (publishing's pages), never for sign-up, sign-in or writes.
   */
  perProcess?: boolean;
}

/**
 * Limits by name: `<route>:client` counts a client's requests (its address),
 * `<route>:target` the requests about one target (an e-mail address, a link, a
 * push endpoint) whoever sends them.
 */
export type RateLimits = Readonly<Record<string, RateLimit>>;

const ENTRY = /^([a-z][a-z0-9-]*:(?:client|target))=(\d{1,9})\/(\d{1,6})([smh]?)$/;
const SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/**
 * The limits a service runs with: its `defaults`, each overridden by the
 * RATE_LIMITS setting — comma-separated `name=points/duration`, the duration in
 * seconds or with `s`, `m` or `h` (`signup:client=10/1h,pages:client=300/1m`).
 * A name the service does not have is refused, so a typo does not pass
 * silently; `0` points turns a limit off. Throws an Error naming the problem.
 */
export function parseRateLimits(setting: string, defaults: RateLimits): RateLimits {
  const limits: Record<string, RateLimit> = { ...defaults };
  for (const item of setting.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')) {
    const match = ENTRY.exec(item);
    if (!match) throw new Error(`"${item}" is not name:client=points/duration or name:target=points/duration (e.g. signup:client=10/1h)`);
    const [, name, points, amount, unit] = match;
    if (!(name in defaults)) throw new Error(`"${name}" is not a rate limit of this service (it has ${Object.keys(defaults).join(', ')})`);
    const durationSeconds = Number(amount) * SECONDS[unit];
    if (durationSeconds < 1) throw new Error(`"${item}": the duration must be at least 1 second`);
    limits[name] = { ...defaults[name], points: Number(points), durationSeconds };
  }
  return limits;
}

/** Validates a RATE_LIMITS variable against the service's limits (see parseRateLimits). */
export function IsRateLimits(defaults: RateLimits, options?: ValidationOptions): PropertyDecorator {
  const problemOf = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return 'must be a string';
    try {
      parseRateLimits(value, defaults);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  return ValidateBy(
    {
      name: 'isRateLimits',
      validator: {
        validate: (value: unknown) => problemOf(value) === undefined,
        defaultMessage: (args) => `${args?.property ?? 'RATE_LIMITS'}: ${problemOf(args?.value) ?? 'invalid'}`,
      },
    },
    options,
  );
}

/**
 * Validates TRUST_PROXY: how many proxies in front of the service append to
 * X-Forwarded-For, 0 to 10 (see clientAddressOf).
 */
export function IsTrustProxy(): PropertyDecorator {
  return applyDecorators(Type(() => Number), IsInt(), Min(0), Max(10));
}
