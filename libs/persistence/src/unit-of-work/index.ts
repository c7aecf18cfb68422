export * from './unit-of-work';
export * from './unit-of-work.module';
export { Transactional, type TransactionalOptions } from './transactional';
