export * from './load-env';
export * from './common-env';
export * from './kafka-connection-env';
export * from './base-url';
export * from './site-sections';
export * from './time-zone';
export * from './setting-rule';
