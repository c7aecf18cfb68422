import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variables every service reads. Apps extend this with their own. */
export class CommonEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lowercase identifier' })
  DATABASE_SCHEMA!: string;

  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be a comma-separated host:port list' })
  KAFKA_BROKERS!: string;

  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET!: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsString()
  @IsNotEmpty()
  @Transform(({ value }) => (typeof value === 'string' ? value : String(value)))
  NODE_ENV = 'development';
}

/** The runtime settings the shared libraries need, derived from CommonEnv. */
export interface ServiceRuntimeConfig {
  serviceName: string;
  port: number;
  databaseUrl: string;
  databaseSchema: string;
  kafkaBrokers: string[];
  jwtSecret: string;
  logLevel: (typeof LOG_LEVELS)[number];
}

export const SERVICE_RUNTIME_CONFIG = Symbol('SERVICE_RUNTIME_CONFIG');

export function toRuntimeConfig(serviceName: string, env: CommonEnv): ServiceRuntimeConfig {
  return {
    serviceName,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databaseSchema: env.DATABASE_SCHEMA,
    kafkaBrokers: env.KAFKA_BROKERS.split(','),
    jwtSecret: env.JWT_SECRET,
    logLevel: env.LOG_LEVEL,
  };
}

/** Development defaults shared by `npm start` and the services' own defaults. */
export const LOCAL_DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/newsroom',
  KAFKA_BROKERS: '127.0.0.1:9092',
} as const;
