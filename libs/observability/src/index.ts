export * from './observability.module';
export * from './metrics/registry';
export * from './metrics/http-metrics.middleware';
export * from './health/outbox-status';
