import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConfigError } from '@newsroom/config';
import { isUnlimited, parseDeliveryRateLimits } from './delivery-rate-limits';
import { loadNotificationsConfig, NotificationsEnv } from './notifications.config';

describe('DELIVERY_RATE_LIMITS', () => {
  const problems = (value: string) =>
    validateSync(plainToInstance(NotificationsEnv, { DELIVERY_RATE_LIMITS: value }), { skipMissingProperties: true })
      .filter((error) => error.property === 'DELIVERY_RATE_LIMITS')
      .flatMap((error) => Object.values(error.constraints ?? {}));

  it('reads the relay, push hosts, *.domain groups and the default for other hosts', () => {
    expect(parseDeliveryRateLimits('email=200/s, FCM.googleapis.com=1000/s,*.notify.windows.com=30/min,*=500/s, web.push.apple.com=36000/h')).toEqual({
      email: { count: 200, periodSeconds: 1 },
      push: [
        { pattern: 'fcm.googleapis.com', rate: { count: 1000, periodSeconds: 1 } },
        { pattern: '*.notify.windows.com', rate: { count: 30, periodSeconds: 60 } },
        { pattern: '*', rate: { count: 500, periodSeconds: 1 } },
        { pattern: 'web.push.apple.com', rate: { count: 36000, periodSeconds: 3600 } },
      ],
    });
  });

  it('is no limit at all when empty', () => {
    expect(isUnlimited(parseDeliveryRateLimits(''))).toBe(true);
    expect(isUnlimited(parseDeliveryRateLimits(' , '))).toBe(true);
    expect(isUnlimited(parseDeliveryRateLimits('email=14/s'))).toBe(false);
    expect(problems('')).toEqual([]);
  });

  it.each([
    ['email', 'is not destination=count/unit'],
    ['email=200', 'is not destination=count/unit'],
    ['email=200/d', 'the unit must be s, min or h'],
    ['email=0/s', 'between 1 and 1000000'],
    ['email=1000001/s', 'between 1 and 1000000'],
    ['email=-5/s', 'is not destination=count/unit'],
    ['email=1.5/s', 'is not destination=count/unit'],
    ['https://fcm.googleapis.com=10/s', 'is not email, a push host, *.domain or *'],
    ['fcm.googleapis.com:443=10/s', 'is not email, a push host, *.domain or *'],
    ['**=10/s', 'is not email, a push host, *.domain or *'],
    ['email=10/s,EMAIL=20/s', '"email" is named twice'],
  ])('refuses %s with one line saying why', (value, why) => {
    const messages = problems(value);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(why);
    expect(messages[0]).toMatch(/^DELIVERY_RATE_LIMITS: .*\(e\.g\. email=200\/s,fcm\.googleapis\.com=1000\/s,\*=500\/s\)$/);
    expect(messages[0]).not.toContain('\n');
  });

  it('stops the service at start with that line', () => {
    const env = { DATABASE_URL: 'postgres://x', KAFKA_BROKERS: 'k:9092', JWT_JWKS_FILE: 'j.json', SMTP_URL: 'smtp://h:25', VAPID_PUBLIC_KEY: 'p', VAPID_PRIVATE_KEY: 'k', SUBSCRIBER_LINK_SECRET: 'sixteen-characters-at-least' };
    expect(loadNotificationsConfig(env).deliveryRateLimits).toEqual({ email: null, push: [] });
    expect(loadNotificationsConfig({ ...env, DELIVERY_RATE_LIMITS: 'email=14/s' }).deliveryRateLimits.email).toEqual({ count: 14, periodSeconds: 1 });
    expect(() => loadNotificationsConfig({ ...env, DELIVERY_RATE_LIMITS: 'email=fast' })).toThrow(ConfigError);
    expect(() => loadNotificationsConfig({ ...env, DELIVERY_RATE_LIMITS: 'email=fast' })).toThrow(/DELIVERY_RATE_LIMITS: "email=fast" is not destination=count\/unit/);
  });
});
