export * from './rate-limits';
export * from './client-address';
export * from './rate-limited.error';
export * from './rate-limit.options';
export * from './rate-limit-store';
export * from './rate-limit.guard';
export * from './rate-limit.module';
export * from './create-rate-limits.migration';
