export * from './kafka-distribution';
export * from './kafka-node';
export * from './apache-kafka';
export * from './secured-kafka';
export * from './throwaway-ca';
