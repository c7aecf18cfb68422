import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import { Logger } from '@nestjs/common';

/**
 * kafkajs client settings shared by the relay, the dead-letter producer and the
 * consumer transport. Fails fast enough for health checks to notice a broker
 * outage, and retries long enough to ride out a leader change.
 */
export function kafkaClientConfig(clientId: string, brokers: string[]): KafkaConfig {
  return {
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
  };
}

export function createKafka(clientId: string, brokers: string[]): Kafka {
  return new Kafka(kafkaClientConfig(clientId, brokers));
}

function kafkaLogCreator() {
  const logger = new Logger('kafkajs');
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const text = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(text);
    else if (level === logLevel.WARN) logger.warn(text);
    else logger.debug?.(text);
  };
}
