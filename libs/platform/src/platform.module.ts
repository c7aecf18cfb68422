import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from '@newsroom/auth';
import { SERVICE_RUNTIME_CONFIG, type ServiceRuntimeConfig } from '@newsroom/config';
import { MessagingModule } from '@newsroom/messaging';
import { ObservabilityModule } from '@newsroom/observability';
import { HealthModule } from './health.module';
import { loggerParams } from './logger';

const DEFAULT_OUTBOX_LIMITS = { maxAgeSeconds: 120, relayStuckSeconds: 30 };

/**
 * What every newsroom service has: runtime config, JSON logging, the auth
 * guard, messaging (outbox, relay, consumers), metrics at /metrics and health endpoints.
 * The app adds its own PersistenceModule.forService(...) for its entities.
 */
@Module({})
export class PlatformModule {
  static forService(runtime: ServiceRuntimeConfig): DynamicModule {
    const runtimeProvider = { provide: SERVICE_RUNTIME_CONFIG, useValue: runtime };
    return {
      module: PlatformModule,
      global: true,
      imports: [
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
