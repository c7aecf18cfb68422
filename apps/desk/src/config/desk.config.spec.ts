import { loadDeskConfig } from './desk.config';

const BASE = {
  DATABASE_URL: 'postgres://localhost/newsroom',
  KAFKA_BROKERS: '127.0.0.1:9092',
  DESK_PUBLIC_URL: 'http://localhost:3005/',
  DESK_SIGNING_KEY_FILE: '/keys/desk-signing.jwk',
  DRAFTING_URL: 'http://drafting:3001',
  EDITORIAL_REVIEW_URL: 'http://editorial-review:3002',
  PUBLISHING_URL: 'http://publishing:3003',
  NOTIFICATIONS_URL: 'http://notifications:3004',
  SMTP_URL: 'smtp://mail:1025',
};

describe(loadDeskConfig.name, () => {
  it('runs on 3005 in schema desk, verifying its own tokens against its own JWKS, with base URLs without a trailing slash', () => {
    const config = loadDeskConfig(BASE);
    expect(config.runtime).toMatchObject({ serviceName: 'desk', port: 3005, databaseSchema: 'desk', jwtJwksUrl: 'http://127.0.0.1:3005/.well-known/jwks.json' });
    expect(config.publicUrl).toBe('http://localhost:3005');
    expect(config.signingKey).toEqual({ file: '/keys/desk-signing.jwk' });
    expect(config.secureCookies).toBe(false);
    expect(config).toMatchObject({ sessionIdleSeconds: 12 * 3600, invitationSeconds: 72 * 3600, issuer: 'newsroom', audience: 'newsroom-api' });
  });

  it('takes DESK_PORT when PORT is not set, and the key itself from DESK_SIGNING_KEY', () => {
    const { DESK_SIGNING_KEY_FILE: _file, ...rest } = BASE;
    const config = loadDeskConfig({ ...rest, DESK_PORT: '3105', DESK_SIGNING_KEY: '{"kty":"EC"}' });
    expect(config.runtime.port).toBe(3105);
    expect(config.signingKey).toEqual({ json: '{"kty":"EC"}' });
  });

  it('sets Secure cookies when the desk is public over https', () => {
    expect(loadDeskConfig({ ...BASE, DESK_PUBLIC_URL: 'https://desk.example.org' }).secureCookies).toBe(true);
    expect(loadDeskConfig({ ...BASE, DESK_PUBLIC_URL: 'https://desk.example.org', SECURE_COOKIES: 'never' }).secureCookies).toBe(false);
  });

  it('needs a signing key, a short first-admin password is refused, and every problem is listed', () => {
    const { DESK_SIGNING_KEY_FILE: _file, ...rest } = BASE;
    expect(() => loadDeskConfig({ ...rest, DESK_INITIAL_ADMIN_EMAIL: 'admin@example.org', DESK_INITIAL_ADMIN_PASSWORD: 'short', DRAFTING_URL: 'drafting' })).toThrow(
      /DESK_SIGNING_KEY_FILE \(or DESK_SIGNING_KEY\)[\s\S]*DESK_INITIAL_ADMIN_PASSWORD must be at least 12 characters|DESK_INITIAL_ADMIN_PASSWORD must be at least 12 characters[\s\S]*DESK_SIGNING_KEY_FILE \(or DESK_SIGNING_KEY\)/,
    );
  });

  it('reads the rate limits of sign-in, and refuses a limit it does not have', () => {
    expect(loadDeskConfig({ ...BASE, RATE_LIMITS: 'sign-in:target=3/1m' }).rateLimits.limits['sign-in:target']).toEqual({ points: 3, durationSeconds: 60 });
    expect(() => loadDeskConfig({ ...BASE, RATE_LIMITS: 'signup:client=3/1m' })).toThrow('not a rate limit of this service');
  });
});
