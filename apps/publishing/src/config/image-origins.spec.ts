import { ConfigError } from '@newsroom/config';
import { siteContentSecurityPolicy } from '../site/security-headers';
import { loadPublishingConfig } from './publishing.config';

const BASE = { DATABASE_URL: 'postgres://localhost/newsroom', KAFKA_BROKERS: '127.0.0.1:9092', JWT_JWKS_FILE: 'jwks.json' };

describe('IMAGE_ORIGINS', () => {
  it("allows drafting's local uploads by default, and the origins listed otherwise", () => {
    expect(loadPublishingConfig(BASE).imageOrigins).toEqual(['http://localhost:3001']);
    expect(loadPublishingConfig({ ...BASE, IMAGE_ORIGINS: 'https://media.example.org/, http://127.0.0.1:3001' }).imageOrigins).toEqual(['https://media.example.org', 'http://127.0.0.1:3001']);
  });

  it.each(['media.example.org', 'https://media.example.org/photos', 'javascript:alert(1)', "https://x.org 'unsafe-inline'"])('refuses %s at start-up', (value) => {
    expect(() => loadPublishingConfig({ ...BASE, IMAGE_ORIGINS: value })).toThrow(ConfigError);
  });

  it("puts them in the site's img-src, once each", () => {
    const policy = siteContentSecurityPolicy('https://news.example.org', ['http://localhost:3001', 'https://news.example.org']);
    expect(policy['img-src']).toEqual(["'self'", 'https://news.example.org', 'http://localhost:3001', 'https:']);
  });
});
