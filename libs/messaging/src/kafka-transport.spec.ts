import { Transport, type KafkaOptions } from '@nestjs/microservices';
import { kafkaConsumerTransport } from './kafka-transport';

function optionsOf(transport: ReturnType<typeof kafkaConsumerTransport>): NonNullable<KafkaOptions['options']> {
  const kafka = transport as KafkaOptions;
  if (!kafka.options) throw new Error('the transport has no options');
  return kafka.options;
}

describe(kafkaConsumerTransport.name, () => {
  const transport = kafkaConsumerTransport({ serviceName: 'publishing', brokers: ['k1:9092', 'k2:9092'] });
  const options = optionsOf(transport);

  it('uses the Kafka transport', () => {
    expect((transport as KafkaOptions).transport).toBe(Transport.KAFKA);
  });

  it('joins the consumer group named after the service by default', () => {
    expect(options.consumer?.groupId).toBe('publishing');
  });

  it('joins the configured consumer group', () => {
    const custom = optionsOf(kafkaConsumerTransport({ serviceName: 'publishing', brokers: ['k1:9092'], consumerGroup: 'publishing-v2' }));
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
