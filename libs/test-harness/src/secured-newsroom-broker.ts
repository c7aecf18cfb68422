import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { saslCredentials, type KafkaSaslMechanism, type KafkaSecurity } from '@newsroom/config';
import { NEWSROOM_SERVICES, defaultAccessSettings, provisionTopics, type NewsroomService } from '@newsroom/messaging';
import { startSecuredKafka, type KafkaUser, type LocalBroker, type SecuredKafka } from '@newsroom/testing';

/**
 * A secured broker (SASL_SSL, throwaway CA, deny by default) holding the
 * newsroom's topics and the ACLs of the access table, with one login per
 * service; provisioned through libs/messaging as the Kubernetes Job does it.
 * Shaped as a LocalBroker, so suites that take one can take this.
 */
export interface SecuredNewsroomBroker extends LocalBroker {
  readonly kafka: SecuredKafka;
  /** The super user's login (sees every topic; what a TestEventBus observing everything uses). */
  readonly adminSecurity: KafkaSecurity;
  /** `service`'s own login, as its process would use it. */
  securityOf(service: NewsroomService, mechanism?: KafkaSaslMechanism): KafkaSecurity;
  /**
   * The variables that make `service`'s process log in as itself: protocol,
   * SCRAM-SHA-512, its user, its password in a file (as a mounted secret) and
   * the CA file.
   */
  envOf(service: NewsroomService): Record<string, string>;
}

export async function startSecuredNewsroomBroker(options: { log?: (line: string) => void } = {}): Promise<SecuredNewsroomBroker> {
  const kafka = await startSecuredKafka({ users: [...NEWSROOM_SERVICES], log: options.log });
  const secrets = mkdtempSync(path.join(tmpdir(), 'newsroom-kafka-secrets-'));
  const security = (user: KafkaUser, mechanism: KafkaSaslMechanism = 'SCRAM-SHA-512'): KafkaSecurity => ({
    protocol: 'SASL_SSL',
    tls: { ca: kafka.caCert },
    sasl: saslCredentials(mechanism, user.name, user.password),
  });
  const stop = async () => {
    await kafka.stop();
    rmSync(secrets, { recursive: true, force: true });
  };
  try {
    await provisionTopics({
      brokers: kafka.brokers,
      settings: { replicationFactor: 1, minInsyncReplicas: 1, retentionMs: -1, deadLetterRetentionMs: -1 },
      security: security(kafka.admin),
      access: defaultAccessSettings(),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    kind: 'kafka',
    brokers: kafka.brokers,
    bootstrap: kafka.brokers.join(','),
    version: kafka.version,
    kafka,
    adminSecurity: security(kafka.admin),
    securityOf: (service, mechanism) => security(kafka.user(service), mechanism),
    envOf(service) {
      const passwordFile = path.join(secrets, `${service}.password`);
      writeFileSync(passwordFile, kafka.user(service).password, { mode: 0o600 });
      return {
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: service,
        KAFKA_SASL_PASSWORD_FILE: passwordFile,
        KAFKA_SSL_CA_FILE: kafka.caFile,
      };
    },
    stop,
  };
}
