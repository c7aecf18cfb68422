import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkaSaslMechanism, KafkaSecurity } from '@newsroom/config';

const KAFKAJS_MECHANISMS: Record<KafkaSaslMechanism, 'plain' | 'scram-sha-256' | 'scram-sha-512'> = {
  PLAIN: 'plain',
  'SCRAM-SHA-256': 'scram-sha-256',
  'SCRAM-SHA-512': 'scram-sha-512',
};

/**
 * The kafkajs `ssl` and `sasl` client options for `security` (none for
 * PLAINTEXT or when absent). With TLS the brokers' certificates are always
 * verified, against the given CA or the system's; there is no switch to turn
 * that off, since a client that trusts any certificate hands its password to
 * whoever answers.
 */
export function kafkajsSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (!security || security.protocol === 'PLAINTEXT') return {};
  const options: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (security.protocol === 'SSL' || security.protocol === 'SASL_SSL') {
    const { ca, cert, key } = security.tls ?? {};
    options.ssl = { rejectUnauthorized: true, ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) };
  }
  if (security.protocol === 'SASL_PLAINTEXT' || security.protocol === 'SASL_SSL') {
    const sasl = security.sasl;
    if (!sasl) throw new Error(`Kafka security protocol ${security.protocol} needs SASL credentials`);
    // The password is read explicitly: it is not enumerable, so a spread would drop it.
    options.sasl = { mechanism: KAFKAJS_MECHANISMS[sasl.mechanism], username: sasl.username, password: sasl.password } as SASLOptions;
  }
  return options;
}
