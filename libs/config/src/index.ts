export * from './load-env';
export * from './common-env';
