import { ServerKafka } from '@nestjs/microservices';
import { BatchedKafkaServer } from './batched-kafka-server';
import type { InboundEventProcessor } from './inbound-processor';
import { kafkaConsumerOptions, kafkaConsumerTransport } from './kafka-transport';

describe(kafkaConsumerTransport.name, () => {
  const options = kafkaConsumerOptions({ serviceName: 'publishing', brokers: ['k1:9092', 'k2:9092'] });

  it("is Nest's Kafka server, fed a batch per partition", () => {
    const { strategy } = kafkaConsumerTransport({ serviceName: 'publishing', brokers: ['k1:9092'] }, {} as InboundEventProcessor);
    expect(strategy).toBeInstanceOf(BatchedKafkaServer);
    expect(strategy).toBeInstanceOf(ServerKafka);
  });

  it('joins the consumer group named after the service by default', () => {
    expect(options.consumer?.groupId).toBe('publishing');
  });

  it('joins the configured consumer group', () => {
    const custom = kafkaConsumerOptions({ serviceName: 'publishing', brokers: ['k1:9092'], consumerGroup: 'publishing-v2' });
    expect(custom.consumer?.groupId).toBe('publishing-v2');
  });

  it('keeps the group id exactly as given (no "-server" postfix)', () => {
    expect(options.postfixId).toBe('');
  });

  it('connects to the given brokers with its own client id', () => {
    expect(options.client).toMatchObject({ clientId: 'publishing-consumer', brokers: ['k1:9092', 'k2:9092'] });
  });

  it('reads a new group from the beginning of each topic', () => {
    expect(options.subscribe?.fromBeginning).toBe(true);
  });

  it('hands handlers the raw bytes', () => {
    expect(options.parser?.keepBinary).toBe(true);
  });

  it('never creates topics by itself', () => {
    expect(options.consumer?.allowAutoTopicCreation).toBe(false);
    expect(options.producer?.allowAutoTopicCreation).toBe(false);
  });

  it('commits offsets only through kafkajs after the handler resolved', () => {
    expect(options.run?.autoCommit).toBe(true);
  });
});
