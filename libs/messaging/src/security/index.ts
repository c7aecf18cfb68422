export * from './kafka-security';
export * from './topic-access';
