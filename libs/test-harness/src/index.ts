export * from './eventually';
export * from './http-client';
export * from './event-bus';
export * from './use-case-testbed';
export * from './service-under-test';
export * from './secured-newsroom-broker';
export * from './consumer-handlers';
/** The channel a service's committed outbox writes NOTIFY on: suites and the bench LISTEN to it to act right after a commit. */
export { outboxChannel } from '@newsroom/messaging';
