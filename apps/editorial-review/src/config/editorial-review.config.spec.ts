import { loadEditorialReviewConfig } from './editorial-review.config';

const BASE = { DATABASE_URL: 'postgres://localhost/newsroom', KAFKA_BROKERS: '127.0.0.1:9092', JWT_JWKS_FILE: 'jwks.json' };
const slugs = (env: Record<string, string>) => loadEditorialReviewConfig(env).siteSections.map((section) => section.slug);

describe(loadEditorialReviewConfig.name, () => {
  it('reads the site’s initial section list, publishing’s default list without one', () => {
    expect(slugs({ ...BASE, SITE_SECTIONS: 'politics=Політика, world=Світ,culture' })).toEqual(['politics', 'world', 'culture']);
    expect(slugs(BASE)).toEqual(['politics', 'world', 'business', 'climate', 'science', 'culture']);
  });

  it('fails at start-up with a readable message for a list that is not section slugs', () => {
    expect(() => loadEditorialReviewConfig({ ...BASE, SITE_SECTIONS: 'Politics,,' })).toThrow(/SITE_SECTIONS must be section slugs/);
  });

  it('counts a slug listed twice once', () => {
    expect(slugs({ ...BASE, SITE_SECTIONS: 'world,politics,world=World' })).toEqual(['world', 'politics']);
  });
});
