import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStore } from './rate-limit-store';
import { RequestLimits } from './request-limits';
import { RATE_LIMIT_OPTIONS, type RateLimitOptions } from './rate-limit.options';

/**
 * Rate limits for a service's login-free routes, counted in its own PostgreSQL
 * schema (add CreateRateLimits to its migrations). Needs PlatformModule and
 * PersistenceModule.
 */
@Module({})
export class RateLimitModule {
  static forService(options: RateLimitOptions): DynamicModule {
    return {
      module: RateLimitModule,
      providers: [{ provide: RATE_LIMIT_OPTIONS, useValue: options }, RateLimitStore, RequestLimits, { provide: APP_GUARD, useClass: RateLimitGuard }],
      exports: [RequestLimits],
    };
  }
}
