import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { DeadLetterDesk } from './dead-letters/dead-letter-desk';
import { DeadLettersHttpController } from './dead-letters/dead-letters.http.controller';
import { OUTBOX_LIMITS, OutboxHealth, type OutboxLimits } from './health/outbox-status';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MessagingMetrics } from './metrics/messaging-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { labelMetricsWith } from './metrics/registry';

export interface ObservabilityOptions {
  serviceName: string;
  outbox: OutboxLimits;
}

/**
 * `/metrics` and the pipeline's metrics for one service, the outbox check the readiness
 * probe uses, and the dead-letter desk at `/v1/dead-letters` (its table: every app lists
 * CreateDeadLetterAudit in its migrations). Needs the messaging module and TypeORM (PlatformModule has both).
 */
@Module({})
export class ObservabilityModule implements NestModule {
  static forService(options: ObservabilityOptions): DynamicModule {
    labelMetricsWith(options.serviceName);
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [MetricsController, DeadLettersHttpController],
      providers: [{ provide: OUTBOX_LIMITS, useValue: options.outbox }, OutboxHealth, MessagingMetrics, DeadLetterDesk],
      exports: [OutboxHealth],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
