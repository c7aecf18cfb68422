import { resolveMessagingOptions } from './messaging.options';

describe(resolveMessagingOptions.name, () => {
  it('fills in the defaults', () => {
    expect(resolveMessagingOptions({ serviceName: 'drafting', brokers: ['k1:9092'] })).toEqual({
      serviceName: 'drafting',
      brokers: ['k1:9092'],
      security: { protocol: 'PLAINTEXT' },
      consumerGroup: 'drafting',
      maxAttempts: 5,
      retryBaseDelayMs: 200,
      relayPollIntervalMs: 1000,
      relay: true,
    });
  });

  it('keeps what the service sets', () => {
    const options = {
      serviceName: 'drafting',
      brokers: ['k1:9092'],
      security: { protocol: 'SSL' as const, tls: { ca: 'CA PEM' } },
      consumerGroup: 'g',
      maxAttempts: 2,
      retryBaseDelayMs: 5,
      relayPollIntervalMs: 50,
      relay: false,
    };
    expect(resolveMessagingOptions(options)).toEqual(options);
  });

  it('does not change the options it was given', () => {
    const options = { serviceName: 'drafting', brokers: ['k1:9092'] };
    resolveMessagingOptions(options);
    expect(options).toEqual({ serviceName: 'drafting', brokers: ['k1:9092'] });
  });
});
