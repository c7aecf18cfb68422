export * from './background-loop';
export * from './wake-signal';
export * from './background-loop.service';
