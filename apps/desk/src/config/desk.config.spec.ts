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

  describe('OpenID Connect sign-in', () => {
    const OIDC = { OIDC_ISSUER: 'https://id.example.org/realms/newsroom', OIDC_CLIENT_ID: 'desk', OIDC_CLIENT_SECRET: 'client secret', OIDC_DISPLAY_NAME: 'Example ID' };

    it('is off when no OIDC_* setting is given', () => {
      expect(loadDeskConfig(BASE).oidc).toBeUndefined();
    });

    it('reads the issuer, client and name, with openid, email and profile as the scopes, and keeps the secret out of logs', () => {
      const { oidc } = loadDeskConfig({ ...BASE, ...OIDC });
      expect(oidc).toEqual({ issuer: 'https://id.example.org/realms/newsroom', clientId: 'desk', displayName: 'Example ID', scopes: ['openid', 'email', 'profile'] });
      expect(oidc?.clientSecret).toBe('client secret');
      expect(JSON.stringify(oidc)).not.toContain('client secret');
    });

    it('takes a public client (no secret) and other scopes that still ask for openid and email', () => {
      const { OIDC_CLIENT_SECRET: _secret, ...publicClient } = OIDC;
      const { oidc } = loadDeskConfig({ ...BASE, ...publicClient, OIDC_SCOPES: 'openid,email groups' });
      expect(oidc?.clientSecret).toBeUndefined();
      expect(oidc?.scopes).toEqual(['openid', 'email', 'groups']);
      expect(() => loadDeskConfig({ ...BASE, ...OIDC, OIDC_SCOPES: 'openid profile' })).toThrow('OIDC_SCOPES must include openid and email');
    });

    it.each([
      ['only a client id and secret', { OIDC_CLIENT_ID: 'desk', OIDC_CLIENT_SECRET: 'secret' }, 'OIDC_ISSUER, OIDC_DISPLAY_NAME missing'],
      ['an issuer without a client id', { OIDC_ISSUER: OIDC.OIDC_ISSUER, OIDC_DISPLAY_NAME: 'Example ID' }, 'OIDC_CLIENT_ID missing'],
      ['no name for the button', { OIDC_ISSUER: OIDC.OIDC_ISSUER, OIDC_CLIENT_ID: 'desk' }, 'OIDC_DISPLAY_NAME missing'],
    ])('refuses to start with %s, in one line naming what is missing', (_, settings, missing) => {
      let message = '';
      try {
        loadDeskConfig({ ...BASE, ...settings });
      } catch (error) {
        message = (error as Error).message;
      }
      const problems = message.split('\n').slice(1);
      expect(problems).toEqual([`  - OpenID Connect sign-in is half configured: ${missing} (set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_DISPLAY_NAME together, or none of them)`]);
    });

    it('wants https for the issuer, plain http only on a loopback address', () => {
      expect(() => loadDeskConfig({ ...BASE, ...OIDC, OIDC_ISSUER: 'http://id.example.org' })).toThrow('OIDC_ISSUER must be an https URL');
      expect(() => loadDeskConfig({ ...BASE, ...OIDC, OIDC_ISSUER: 'https://id.example.org/?tenant=1' })).toThrow('OIDC_ISSUER must be an https URL');
      expect(loadDeskConfig({ ...BASE, ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:4444' }).oidc?.issuer).toBe('http://127.0.0.1:4444');
    });
  });
});
