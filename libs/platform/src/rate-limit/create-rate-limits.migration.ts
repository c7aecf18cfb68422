import { SqlMigration } from '@newsroom/persistence';

/**
 * The counters of RateLimitStore, in the shape rate-limiter-flexible's
 * RateLimiterPostgres reads and writes: key (limit name + hashed key), points
 * used in the current window, and when the window ends (ms since the epoch).
 */
export class CreateRateLimits1764200000000 extends SqlMigration {
  protected readonly upStatements = [
    `CREATE TABLE rate_limits (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    `CREATE INDEX rate_limits_expire_idx ON rate_limits (expire)`,
  ];
  protected readonly downStatements = [`DROP TABLE rate_limits`];
}
