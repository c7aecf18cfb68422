import { CommonEnv, toRuntimeConfig } from './common-env';
import { loadEnv } from './load-env';

function commonEnv(overrides: Record<string, string> = {}): CommonEnv {
  return loadEnv(CommonEnv, {
    PORT: '3002',
    DATABASE_URL: 'postgres://postgres@db:5432/newsroom',
    DATABASE_SCHEMA: 'editorial_review',
    KAFKA_BROKERS: 'kafka-1:9092',
    JWT_JWKS_URL: 'https://desk.example.org/.well-known/jwks.json',
    ...overrides,
  });
}

describe(toRuntimeConfig.name, () => {
  it('carries the service name and the validated settings', () => {
    expect(toRuntimeConfig('editorial-review', commonEnv({ LOG_LEVEL: 'warn' }))).toEqual({
      serviceName: 'editorial-review',
      port: 3002,
      databaseUrl: 'postgres://postgres@db:5432/newsroom',
      databaseSchema: 'editorial_review',
      kafkaBrokers: ['kafka-1:9092'],
      kafkaSecurity: { protocol: 'PLAINTEXT' },
      jwtJwksUrl: 'https://desk.example.org/.well-known/jwks.json',
      jwtJwksFile: undefined,
      jwtIssuer: 'newsroom',
      jwtAudience: 'newsroom-api',
      logLevel: 'warn',
      outbox: { maxAgeSeconds: 120, relayStuckSeconds: 30 },
      relay: true,
    });
  });

  it('takes the token issuer and audience from JWT_ISSUER and JWT_AUDIENCE', () => {
    const config = toRuntimeConfig('drafting', commonEnv({ JWT_ISSUER: 'https://desk.example.org', JWT_AUDIENCE: 'example-newsroom' }));
    expect(config).toMatchObject({ jwtIssuer: 'https://desk.example.org', jwtAudience: 'example-newsroom' });
  });

  it('splits the broker list', () => {
    const config = toRuntimeConfig('drafting', commonEnv({ KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9093,10.0.0.3:9094' }));
    expect(config.kafkaBrokers).toEqual(['kafka-1:9092', 'kafka-2:9093', '10.0.0.3:9094']);
  });
});
