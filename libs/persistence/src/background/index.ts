export * from './background-loop';
export * from './wake-signal';
