import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { SERVICE_RUNTIME_CONFIG, type ServiceRuntimeConfig } from '@newsroom/config';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit.options';

/** The table every replica of a service counts in (migration CreateRateLimits). */
export const RATE_LIMIT_TABLE = 'rate_limits';

export type Consumed = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts requests per limit and key in PostgreSQL (rate-limiter-flexible's
 * RateLimiterPostgres: one atomic upsert per request), so that every replica of
 * a service shares the same counts. Keys are stored hashed: the table holds no
 * addresses. A key over its limit is also remembered in memory until its
 * window ends, so a flood costs the database nothing more.
 *
 * A limit marked `perProcess` (publishing's pages) is counted in this process's
 * memory instead (RateLimiterMemory): no database round trip, so a page served
 * from memory stays a memory-only answer. The trade-off: each replica counts on
 * its own, so behind a load balancer that spreads one client over R replicas the
 * client gets up to R times the allowance, and a restart forgets the counts. That
 * is sound for a limit that keeps one client from hogging a process's capacity to
 * answer reads; a limit that guards a shared resource across replicas — sign-up
 * and sign-in attempts, e-mails to one address, share counts, any write — stays
 * in the shared table.
 */
@Injectable()
export class RateLimitStore {
  private readonly logger = new Logger(RateLimitStore.name);
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME_CONFIG) private readonly runtime: ServiceRuntimeConfig,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
  ) {}

  /**
   * Counts one request under `limit` for `key`. A limit that is not configured
   * (or has 0 points) allows everything. When the database cannot be reached the
   * request is allowed and a warning logged: the limits protect the service, an
   * outage of their store should not take it down.
   */
  async consume(limit: string, key: string): Promise<Consumed> {
    const limiter = this.limiterFor(limit);
    if (!limiter) return { allowed: true };
    try {
      await limiter.consume(limiter instanceof RateLimiterMemory ? key : hashed(key));
      return { allowed: true };
    } catch (error) {
      if (error instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      this.logger.warn({ err: error, limit }, 'rate limit store unavailable; request allowed');
      return { allowed: true };
    }
  }

  /**
   * Gives back one request counted under `limit` for `key` (see LimitedRoute.failuresOnly), while
   * the window it was counted in still has it: a give-back after the window ended would start the
   * next one below zero, a larger allowance than the limit says. An outage of the store is only
   * logged.
   */
  async giveBack(limit: string, key: string): Promise<void> {
    const limiter = this.limiterFor(limit);
    if (!limiter) return;
    const stored = limiter instanceof RateLimiterMemory ? key : hashed(key);
    try {
      const counted = await limiter.get(stored);
      if (!counted || counted.consumedPoints <= 0) return;
      await limiter.reward(stored, 1);
    } catch (error) {
      this.logger.warn({ err: error, limit }, 'rate limit store unavailable; a request could not be given back');
    }
  }

  private limiterFor(limit: string): RateLimiterAbstract | undefined {
    const rule = this.options.limits[limit];
    if (!rule || rule.points <= 0) return undefined;
    let limiter = this.limiters.get(limit);
    if (!limiter && rule.perProcess) {
      limiter = new RateLimiterMemory({ keyPrefix: limit, points: rule.points, duration: rule.durationSeconds });
      this.limiters.set(limit, limiter);
    }
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: this.dataSource,
        storeType: 'typeorm',
        schemaName: this.runtime.databaseSchema,
        tableName: RATE_LIMIT_TABLE,
        // Created by the service's migrations, not by the library at run time.
        tableCreated: true,
        // One limiter per service deletes expired rows (every 5 minutes, rows expired an hour ago).
        clearExpiredByTimeout: ![...this.limiters.values()].some((other) => other instanceof RateLimiterPostgres),
        keyPrefix: limit,
        points: rule.points,
        duration: rule.durationSeconds,
        inMemoryBlockOnConsumed: rule.points + 1,
      });
      this.limiters.set(limit, limiter);
    }
    return limiter;
  }
}

function hashed(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}
