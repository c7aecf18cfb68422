export * from './observability.module';
export * from './metrics/registry';
export * from './metrics/http-metrics.middleware';
export * from './health/outbox-status';
export * from './dead-letters/dead-letter-audit.migration';
export * from './dead-letters/dead-letter-desk';
