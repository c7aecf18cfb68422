import { PLAINTEXT_KAFKA, type KafkaSecurity } from '@newsroom/config';

/** What an app tells the messaging module about itself. */
export interface MessagingOptions {
  /** Service name, used as the Kafka client id and in logs. */
  serviceName: string;
  brokers: string[];
  /** TLS and the SASL login of this service's principal; defaults to plaintext without a login. */
  security?: KafkaSecurity;
  /** Consumer group; defaults to the service name. One group per service. */
  consumerGroup?: string;
  /** Attempts before an event that keeps failing goes to the dead-letter topic. */
  maxAttempts?: number;
  /** First retry delay; doubles on each attempt. */
  retryBaseDelayMs?: number;
  /** Fallback poll interval of the outbox relay (commits also wake it at once). */
  relayPollIntervalMs?: number;
  /**
   * False: this instance never publishes its outbox. For a replica that rebuilds a read
   * model from the log (docs/runbooks/rebuild-read-model.md): the events its use cases
   * record were published long ago by the live service and must not go out twice.
   */
  relay?: boolean;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export function resolveMessagingOptions(options: MessagingOptions): Required<MessagingOptions> {
  return {
    serviceName: options.serviceName,
    brokers: options.brokers,
    security: options.security ?? PLAINTEXT_KAFKA,
    consumerGroup: options.consumerGroup ?? options.serviceName,
    maxAttempts: options.maxAttempts ?? 5,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
    relayPollIntervalMs: options.relayPollIntervalMs ?? 1000,
    relay: options.relay ?? true,
  };
}
