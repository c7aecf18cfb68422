import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeKafkaSecurity, loadKafkaConnection } from './kafka-connection-env';
import { ConfigError } from './load-env';

const dir = mkdtempSync(path.join(tmpdir(), 'kafka-connection-env-'));
const file = (name: string, text: string): string => {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadKafkaConnection({ KAFKA_BROKERS: 'kafka:9094', ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(loadKafkaConnection.name, () => {
  it('defaults to plaintext without a login', () => {
    expect(loadKafkaConnection({ KAFKA_BROKERS: 'a:1,b:2' })).toEqual({ brokers: ['a:1', 'b:2'], security: { protocol: 'PLAINTEXT' } });
  });

  it('reads SASL_SSL with a SCRAM login, the CA file and a password file', () => {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: 'kafka:9094',
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'drafting',
      KAFKA_SASL_PASSWORD_FILE: file('password', 's3cret-from-a-secret\n'),
      KAFKA_SSL_CA_FILE: file('ca.pem', '-----BEGIN CERTIFICATE-----\n'),
    });
    expect(connection.security.protocol).toBe('SASL_SSL');
    expect(connection.security.tls?.ca).toContain('BEGIN CERTIFICATE');
    expect(connection.security.sasl).toMatchObject({ mechanism: 'SCRAM-SHA-512', username: 'drafting' });
    expect(connection.security.sasl?.password).toBe('s3cret-from-a-secret');
  });

  it('keeps the password out of JSON, logs and the description', () => {
    const { security } = loadKafkaConnection({
      KAFKA_BROKERS: 'kafka:9094',
      KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
      KAFKA_SASL_MECHANISM: 'PLAIN',
      KAFKA_SASL_USERNAME: 'publishing',
      KAFKA_SASL_PASSWORD: 'never-print-me',
    });
    expect(JSON.stringify(security)).not.toContain('never-print-me');
    expect(describeKafkaSecurity(security)).toBe('SASL_PLAINTEXT PLAIN as publishing');
  });

  it('lists every missing piece of a SASL login at once', () => {
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toEqual([
      expect.stringContaining('KAFKA_SASL_MECHANISM is required'),
      expect.stringContaining('KAFKA_SASL_USERNAME is required'),
      expect.stringContaining('KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required'),
    ]);
  });

  it('refuses unknown protocols and mechanisms, naming the allowed ones', () => {
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'TLS' })).toEqual([expect.stringContaining('PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL')]);
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'GSSAPI', KAFKA_SASL_USERNAME: 'x', KAFKA_SASL_PASSWORD: 'y' })).toEqual([
      expect.stringContaining('PLAIN, SCRAM-SHA-256, SCRAM-SHA-512'),
    ]);
  });

  it('names an unreadable file without guessing', () => {
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: path.join(dir, 'missing.pem') })).toEqual([
      `KAFKA_SSL_CA_FILE: cannot read ${path.join(dir, 'missing.pem')} (ENOENT)`,
    ]);
  });

  it('refuses settings the protocol would silently ignore', () => {
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'drafting', KAFKA_SSL_CA_FILE: '/ca.pem' })).toEqual([
      expect.stringContaining('KAFKA_SSL_CA_FILE set, but KAFKA_SECURITY_PROTOCOL=PLAINTEXT does not use TLS'),
      expect.stringContaining('KAFKA_SASL_USERNAME set, but KAFKA_SECURITY_PROTOCOL=PLAINTEXT does not log in'),
    ]);
  });

  it('wants a client certificate together with its key', () => {
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CERT_FILE: file('client.pem', 'cert') })).toEqual([
      expect.stringContaining('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together'),
    ]);
  });
});
