import { brokerKindFromEnv, startLocalBroker } from './local-broker';

describe(brokerKindFromEnv.name, () => {
  it('runs Apache Kafka unless the mock is asked for', () => {
    expect(brokerKindFromEnv({})).toBe('kafka');
    expect(brokerKindFromEnv({ NEWSROOM_BROKER: '' })).toBe('kafka');
    expect(brokerKindFromEnv({ NEWSROOM_BROKER: 'kafka' })).toBe('kafka');
    expect(brokerKindFromEnv({ NEWSROOM_BROKER: ' Mock ' })).toBe('mock');
  });

  it('refuses anything else rather than guessing', () => {
    expect(() => brokerKindFromEnv({ NEWSROOM_BROKER: 'redpanda' })).toThrow('NEWSROOM_BROKER must be "kafka" (the default) or "mock", not "redpanda"');
  });
});

describe(startLocalBroker.name, () => {
  it('refuses to start Kafka without a way to provision its topics', async () => {
    await expect(startLocalBroker({ kind: 'kafka' })).rejects.toThrow('startLocalBroker: no topic provisioner');
  });
});
