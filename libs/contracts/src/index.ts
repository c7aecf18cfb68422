export * from './topics';
export * from './validation';
export * from './envelope/cloud-event';
export * from './article';
export * from './events';
export * from './errors';
export * from './command';
