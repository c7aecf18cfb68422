export * from './naming-strategy';
export * from './data-source';
export * from './migration-runner';
export * from './outbox/outbox-message.entity';
export * from './inbox/inbox-entry.entity';
export * from './migrations/create-outbox-and-inbox.migration';
export * from './persistence.module';
export * from './migration-job';
