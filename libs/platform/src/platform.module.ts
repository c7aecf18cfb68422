import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from '@newsroom/auth';
import { SERVICE_RUNTIME_CONFIG, type ServiceRuntimeConfig } from '@newsroom/config';
import { MessagingModule } from '@newsroom/messaging';
import { ObservabilityModule } from '@newsroom/observability';
import { PersistenceModule } from '@newsroom/persistence';
import { HealthModule } from './health.module';
import { loggerParams } from './logger';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import type { RateLimitOptions } from './rate-limit/rate-limit.options';

const DEFAULT_OUTBOX_LIMITS = { maxAgeSeconds: 120, relayStuckSeconds: 30 };

/** What a service brings to the platform beyond its runtime config. */
export interface ServiceFoundation {
  /** Its own tables: the entities and the migrations run at start-up (PersistenceModule). */
  persistence: Parameters<typeof PersistenceModule.forService>[0];
  /** Per-client limits on its login-free routes (RateLimitModule), for a service that has such routes. */
  rateLimits?: RateLimitOptions;
}

/**
 * What every newsroom service has: runtime config, JSON logging, the auth
 * guard, messaging (outbox, relay, consumers), metrics at /metrics and health endpoints;
 * with `foundation`, its database (PersistenceModule) and, where it has any, its rate limits.
 */
@Module({})
export class PlatformModule {
  static forService(runtime: ServiceRuntimeConfig, foundation?: ServiceFoundation): DynamicModule {
    const runtimeProvider = { provide: SERVICE_RUNTIME_CONFIG, useValue: runtime };
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ...(foundation ? [PersistenceModule.forService(foundation.persistence)] : []),
        ...(foundation?.rateLimits ? [RateLimitModule.forService(foundation.rateLimits)] : []),
        LoggerModule.forRoot(loggerParams(runtime.serviceName, runtime.logLevel)),
        MessagingModule.forRootAsync({
          inject: [],
          useFactory: () => ({
            serviceName: runtime.serviceName,
            brokers: runtime.kafkaBrokers,
            security: runtime.kafkaSecurity,
            consumerGroup: runtime.consumerGroup,
            relay: runtime.relay,
          }),
        }),
        ObservabilityModule.forService({ serviceName: runtime.serviceName, outbox: runtime.outbox ?? DEFAULT_OUTBOX_LIMITS }),
        HealthModule,
      ],
      providers: [runtimeProvider, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [runtimeProvider],
    };
  }
}
