import { readFileSync } from 'node:fs';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { ConfigError, loadEnv } from './load-env';

export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];

/**
 * The SASL mechanisms a service may log in with. OAUTHBEARER is left out:
 * kafkajs takes it only as a token-provider callback, so it would need an
 * OAuth client (token endpoint, client credentials, refresh) inside every
 * service rather than a setting.
 */
export const KAFKA_SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** How a client proves who it is to the brokers, and how it checks them. */
export interface KafkaSecurity {
  protocol: KafkaSecurityProtocol;
  /** With SSL and SASL_SSL: PEM texts, already read from their files. */
  tls?: {
    /** The CA(s) the brokers' certificates must chain to; without it, the system's CAs. */
    ca?: string;
    /** A client certificate and its key, for brokers that require mutual TLS. */
    cert?: string;
    key?: string;
  };
  /** With SASL_PLAINTEXT and SASL_SSL. `password` is not enumerable, so logging or serialising the object leaves it out. */
  sasl?: { mechanism: KafkaSaslMechanism; username: string; readonly password: string };
}

/** Today's local setup: no TLS, no login. */
export const PLAINTEXT_KAFKA: KafkaSecurity = Object.freeze({ protocol: 'PLAINTEXT' });

/**
 * The Kafka connection variables: the brokers and, for a secured cluster, TLS
 * and SASL. Every secret can come from a mounted file (`*_FILE`) instead of the
 * variable itself. CommonEnv extends this; the tools load it on its own.
 */
export class KafkaConnectionEnv {
  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be a comma-separated host:port list' })
  KAFKA_BROKERS!: string;

  @IsIn(KAFKA_SECURITY_PROTOCOLS, { message: `KAFKA_SECURITY_PROTOCOL must be one of ${KAFKA_SECURITY_PROTOCOLS.join(', ')}` })
  KAFKA_SECURITY_PROTOCOL: KafkaSecurityProtocol = 'PLAINTEXT';

  @IsOptional()
  @IsIn(KAFKA_SASL_MECHANISMS, { message: `KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}` })
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** A file holding the password (a mounted secret); wins over KAFKA_SASL_PASSWORD. */
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD_FILE?: string;

  /** PEM file of the CA(s) that signed the brokers' certificates. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE?: string;

  /** PEM files of a client certificate and its key (mutual TLS). */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CERT_FILE?: string;

  @IsOptional()
  @IsString()
  KAFKA_SSL_KEY_FILE?: string;
}

/** The brokers and the security settings, ready for the messaging library. */
export interface KafkaConnection {
  brokers: string[];
  security: KafkaSecurity;
}

/**
 * Turns validated connection variables into a KafkaConnection, reading the
 * files they name. Throws a ConfigError listing every problem (a SASL protocol
 * without a mechanism, user or password; TLS files given to a plaintext
 * protocol; a file that cannot be read). Messages name variables and files,
 * never a secret's value.
 */
export function kafkaConnectionOf(env: KafkaConnectionEnv): KafkaConnection {
  const problems: string[] = [];
  const protocol = env.KAFKA_SECURITY_PROTOCOL;
  const usesTls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const usesSasl = protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
  const read = (variable: string, file: string | undefined): string | undefined => {
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      problems.push(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };

  const security: KafkaSecurity = { protocol };
  const tlsFiles = { KAFKA_SSL_CA_FILE: env.KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE: env.KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE: env.KAFKA_SSL_KEY_FILE };
  if (usesTls) {
    if (Boolean(env.KAFKA_SSL_CERT_FILE) !== Boolean(env.KAFKA_SSL_KEY_FILE)) {
      problems.push('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together (a client certificate needs its key)');
    }
    security.tls = {
      ca: read('KAFKA_SSL_CA_FILE', env.KAFKA_SSL_CA_FILE),
      cert: read('KAFKA_SSL_CERT_FILE', env.KAFKA_SSL_CERT_FILE),
      key: read('KAFKA_SSL_KEY_FILE', env.KAFKA_SSL_KEY_FILE),
    };
  } else {
    const given = Object.entries(tlsFiles).filter(([, value]) => value).map(([name]) => name);
    if (given.length > 0) problems.push(`${given.join(', ')} set, but KAFKA_SECURITY_PROTOCOL=${protocol} does not use TLS (SSL or SASL_SSL does)`);
  }

  if (usesSasl) {
    const password = env.KAFKA_SASL_PASSWORD_FILE ? read('KAFKA_SASL_PASSWORD_FILE', env.KAFKA_SASL_PASSWORD_FILE)?.replace(/\r?\n$/, '') : env.KAFKA_SASL_PASSWORD;
    if (!env.KAFKA_SASL_MECHANISM) problems.push(`KAFKA_SASL_MECHANISM is required with ${protocol} (one of ${KAFKA_SASL_MECHANISMS.join(', ')})`);
    if (!env.KAFKA_SASL_USERNAME) problems.push(`KAFKA_SASL_USERNAME is required with ${protocol}`);
    if (!password && !problems.some((p) => p.startsWith('KAFKA_SASL_PASSWORD_FILE'))) {
      problems.push(`KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required with ${protocol}`);
    }
    if (env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && password) {
      security.sasl = saslCredentials(env.KAFKA_SASL_MECHANISM, env.KAFKA_SASL_USERNAME, password);
    }
  } else {
    const given = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE'].filter(
      (name) => env[name as keyof KafkaConnectionEnv],
    );
    if (given.length > 0) problems.push(`${given.join(', ')} set, but KAFKA_SECURITY_PROTOCOL=${protocol} does not log in (SASL_PLAINTEXT or SASL_SSL does)`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { brokers: env.KAFKA_BROKERS.split(','), security };
}

/** SASL credentials whose password stays out of logs and JSON. */
export function saslCredentials(mechanism: KafkaSaslMechanism, username: string, password: string): NonNullable<KafkaSecurity['sasl']> {
  const credentials = { mechanism, username } as { mechanism: KafkaSaslMechanism; username: string; password: string };
  Object.defineProperty(credentials, 'password', { value: password, enumerable: false });
  return credentials;
}

/**
 * The connection of a tool (topic provisioning, the dead-letter tool): the
 * same variables as a service's, validated the same way.
 */
export function loadKafkaConnection(env: NodeJS.ProcessEnv, defaults: Partial<Record<string, string>> = {}): KafkaConnection {
  return kafkaConnectionOf(loadEnv(KafkaConnectionEnv, env, defaults));
}

/** One line for logs: protocol, mechanism and user, never the password. */
export function describeKafkaSecurity(security: KafkaSecurity): string {
  const login = security.sasl ? ` ${security.sasl.mechanism} as ${security.sasl.username}` : '';
  const ca = security.tls ? (security.tls.ca ? ', own CA' : ', system CAs') + (security.tls.cert ? ', client certificate' : '') : '';
  return `${security.protocol}${login}${ca}`;
}
