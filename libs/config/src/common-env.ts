import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { KafkaConnectionEnv, kafkaConnectionOf, type KafkaSecurity } from './kafka-connection-env';

/** The issuer and audience of development tokens (`npm run token`, libs/auth issueToken). */
export const DEV_TOKEN_ISSUER = 'newsroom';
export const DEV_TOKEN_AUDIENCE = 'newsroom-api';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Variables every service reads. Apps extend this with their own. The Kafka
 * connection (KAFKA_BROKERS, TLS and SASL) comes from KafkaConnectionEnv.
 */
export class CommonEnv extends KafkaConnectionEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lowercase identifier' })
  DATABASE_SCHEMA!: string;

  /**
   * Where bearer tokens' public keys are published (the desk's `/.well-known/jwks.json`).
   * One of JWT_JWKS_URL and JWT_JWKS_FILE is required; no service holds a signing key.
   */
  @ValidateIf((env: CommonEnv) => !env.JWT_JWKS_FILE || env.JWT_JWKS_URL !== undefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'JWT_JWKS_URL must be an http(s) URL (or set JWT_JWKS_FILE)' })
  JWT_JWKS_URL?: string;

  /** A local public JWKS file instead of JWT_JWKS_URL (`npm start`, the tests). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  JWT_JWKS_FILE?: string;

  /** The `iss` every bearer token must carry (the desk's or the newsroom's identity provider). */
  @IsString()
  @IsNotEmpty()
  JWT_ISSUER = DEV_TOKEN_ISSUER;

  /** The `aud` every bearer token must carry: the newsroom's APIs. */
  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE = DEV_TOKEN_AUDIENCE;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsString()
  @IsNotEmpty()
  @Transform(({ value }) => (typeof value === 'string' ? value : String(value)))
  NODE_ENV = 'development';

  /** Readiness fails once the outbox's oldest unsent event is older than this many seconds. */
  @IsInt()
  @Min(1)
  OUTBOX_MAX_AGE_SECONDS = 120;

  /** Readiness fails once the relay has failed every send for this many seconds. */
  @IsInt()
  @Min(1)
  RELAY_STUCK_SECONDS = 30;

  /** The consumer group; the service name when unset. A rebuild replica takes a fresh one (docs/runbooks/rebuild-read-model.md). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: 'KAFKA_CONSUMER_GROUP must be 1 to 200 letters, digits, dots, dashes or underscores' })
  KAFKA_CONSUMER_GROUP?: string;

  /** `off` on a rebuild replica: its outbox is never published, the live service has published those events already. */
  @IsIn(['on', 'off'])
  OUTBOX_RELAY: 'on' | 'off' = 'on';
}

/** The runtime settings the shared libraries need, derived from CommonEnv. */
export interface ServiceRuntimeConfig {
  serviceName: string;
  port: number;
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  /** TLS and SASL towards the brokers; absent means PLAINTEXT (the local setup). */
  kafkaSecurity?: KafkaSecurity;
  /** Where the public keys of bearer tokens are: a JWKS URL or a local JWKS file (one of them). */
  jwtJwksUrl?: string;
  jwtJwksFile?: string;
  /** The `iss` and `aud` bearer tokens must carry; absent, the development ones (DEV_TOKEN_*). */
  jwtIssuer?: string;
  jwtAudience?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Readiness limits for the outbox and its relay, in seconds (docs/operations.md). */
  outbox?: { maxAgeSeconds: number; relayStuckSeconds: number };
  /** The consumer group when not the service name (a rebuild replica). */
  consumerGroup?: string;
  /** False when this instance must never publish its outbox (a rebuild replica). */
  relay?: boolean;
}

export const SERVICE_RUNTIME_CONFIG = Symbol('SERVICE_RUNTIME_CONFIG');

/** Throws a ConfigError when the Kafka security settings are incomplete or name unreadable files. */
export function toRuntimeConfig(serviceName: string, env: CommonEnv): ServiceRuntimeConfig {
  const kafka = kafkaConnectionOf(env);
  return {
    serviceName,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databaseSchema: env.DATABASE_SCHEMA,
    kafkaBrokers: kafka.brokers,
    kafkaSecurity: kafka.security,
    jwtJwksUrl: env.JWT_JWKS_URL,
    jwtJwksFile: env.JWT_JWKS_FILE,
    jwtIssuer: env.JWT_ISSUER,
    jwtAudience: env.JWT_AUDIENCE,
    logLevel: env.LOG_LEVEL,
    outbox: { maxAgeSeconds: env.OUTBOX_MAX_AGE_SECONDS, relayStuckSeconds: env.RELAY_STUCK_SECONDS },
    consumerGroup: env.KAFKA_CONSUMER_GROUP,
    relay: env.OUTBOX_RELAY !== 'off',
  };
}

/** Development defaults shared by `npm start` and the services' own defaults. */
export const LOCAL_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/newsroom',
  KAFKA_BROKERS: '127.0.0.1:9092',
} as const;
