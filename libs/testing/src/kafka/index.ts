export * from './kafka-distribution';
export * from './kafka-node';
export * from './apache-kafka';
