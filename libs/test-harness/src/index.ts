export * from './eventually';
export * from './http-client';
export * from './event-bus';
export * from './use-case-testbed';
export * from './service-under-test';
export * from './secured-newsroom-broker';
export * from './consumer-handlers';
