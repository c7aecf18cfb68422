import { PLAINTEXT_KAFKA, saslCredentials } from '@newsroom/config';
import { kafkajsSecurity } from './kafka-security';

describe(kafkajsSecurity.name, () => {
  it('adds nothing for plaintext', () => {
    expect(kafkajsSecurity(undefined)).toEqual({});
    expect(kafkajsSecurity(PLAINTEXT_KAFKA)).toEqual({});
  });

  it('verifies the brokers against the given CA and logs in with SCRAM over TLS', () => {
    const options = kafkajsSecurity({ protocol: 'SASL_SSL', tls: { ca: 'CA PEM' }, sasl: saslCredentials('SCRAM-SHA-512', 'drafting', 'pw') });
    expect(options).toEqual({
      ssl: { rejectUnauthorized: true, ca: 'CA PEM' },
      sasl: { mechanism: 'scram-sha-512', username: 'drafting', password: 'pw' },
    });
  });

  it('sends a client certificate for mutual TLS, without a login', () => {
    expect(kafkajsSecurity({ protocol: 'SSL', tls: { cert: 'CERT', key: 'KEY' } })).toEqual({ ssl: { rejectUnauthorized: true, cert: 'CERT', key: 'KEY' } });
  });

  it('logs in with PLAIN without TLS', () => {
    expect(kafkajsSecurity({ protocol: 'SASL_PLAINTEXT', sasl: saslCredentials('PLAIN', 'publishing', 'pw') })).toEqual({
      sasl: { mechanism: 'plain', username: 'publishing', password: 'pw' },
    });
  });
});
