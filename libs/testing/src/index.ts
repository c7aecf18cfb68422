export * from './broker-binary';
export * from './local-broker';
export * from './postgres';
export * from './embedded-postgres';
export * from './service-process';
export * from './free-port';
export * from './inboxes';
export * from './service-environment';
