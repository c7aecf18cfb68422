import { ConfigError } from '@newsroom/config';
import { loadDraftingConfig } from './drafting.config';

const BASE = { DATABASE_URL: 'postgres://localhost/newsroom', KAFKA_BROKERS: '127.0.0.1:9092', JWT_JWKS_FILE: 'jwks.json' };

describe(loadDraftingConfig.name, () => {
  it('serves images from the local service unless told where readers fetch them', () => {
    expect(loadDraftingConfig(BASE).images).toEqual({ publicBaseUrl: 'http://localhost:3001' });
    expect(loadDraftingConfig({ ...BASE, IMAGES_PUBLIC_BASE_URL: 'https://media.example.org/' }).images).toEqual({ publicBaseUrl: 'https://media.example.org' });
  });

  it.each(['media.example.org', 'ftp://media.example.org', 'https://'])('refuses IMAGES_PUBLIC_BASE_URL=%s at start-up', (value) => {
    expect(() => loadDraftingConfig({ ...BASE, IMAGES_PUBLIC_BASE_URL: value })).toThrow(ConfigError);
  });

  it('checks drafts against the default section list unless SITE_SECTIONS names one (labels ignored)', () => {
    expect(loadDraftingConfig(BASE).siteSections.map((section) => section.slug)).toEqual(['politics', 'world', 'business', 'climate', 'science', 'culture']);
    expect(loadDraftingConfig({ ...BASE, SITE_SECTIONS: 'politics=Politics, climate-change ,politics' }).siteSections).toEqual([
      { slug: 'politics', label: 'Politics' },
      { slug: 'climate-change', label: 'Climate change' },
    ]);
  });

  it.each(['Politics', 'world,,sport', 'a b'])('refuses SITE_SECTIONS=%s at start-up', (value) => {
    expect(() => loadDraftingConfig({ ...BASE, SITE_SECTIONS: value })).toThrow(ConfigError);
  });
});
