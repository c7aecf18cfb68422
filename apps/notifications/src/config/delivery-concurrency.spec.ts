import { DEFAULT_DELIVERY_CONCURRENCY, deliveryConcurrency, NotificationsEnv } from './notifications.config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

describe('DELIVERY_CONCURRENCY', () => {
  const problems = (value: string) =>
    validateSync(plainToInstance(NotificationsEnv, { DELIVERY_CONCURRENCY: value }), { skipMissingProperties: true }).filter(
      (error) => error.property === 'DELIVERY_CONCURRENCY',
    );

  it('reads each channel, and keeps the default for a channel left out', () => {
    expect(deliveryConcurrency('email=20, push=80')).toEqual({ email: 20, push: 80 });
    expect(deliveryConcurrency('push=7')).toEqual({ email: DEFAULT_DELIVERY_CONCURRENCY.email, push: 7 });
    expect(deliveryConcurrency('')).toEqual(DEFAULT_DELIVERY_CONCURRENCY);
  });

  it('refuses other channels, other shapes and counts outside 1–1000', () => {
    expect(problems('email=50,push=50')).toEqual([]);
    for (const bad of ['sms=5', 'email:5', 'email=0', 'push=1001', 'email=five']) expect([bad, problems(bad).length > 0]).toEqual([bad, true]);
  });
});
