export * from './bootstrap';
export * from './platform.module';
export * from './http-errors';
export * from './logger';
export * from './health.module';
export * from './http-params';
export * from './page-query';
