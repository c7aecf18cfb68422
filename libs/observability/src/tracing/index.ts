// Its own entry point (@newsroom/observability/tracing): main.ts loads it before anything
// that requires http, pg or kafkajs, which the rest of the library does.
export * from './tracing';
