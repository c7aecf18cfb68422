import { loadEditorialReviewConfig, sectionSlugs } from './editorial-review.config';

const BASE = { DATABASE_URL: 'postgres://localhost/newsroom', KAFKA_BROKERS: '127.0.0.1:9092', JWT_JWKS_FILE: 'jwks.json' };

describe(loadEditorialReviewConfig.name, () => {
  it('reads the site’s section list for the checks, labels ignored, publishing’s default list without one', () => {
    expect(loadEditorialReviewConfig({ ...BASE, SITE_SECTIONS: 'politics=Політика, world=Світ,culture' }).checks.sections).toEqual(['politics', 'world', 'culture']);
    expect(loadEditorialReviewConfig(BASE).checks.sections).toEqual(['politics', 'world', 'business', 'climate', 'science', 'culture']);
  });

  it('fails at start-up with a readable message for a list that is not section slugs', () => {
    expect(() => loadEditorialReviewConfig({ ...BASE, SITE_SECTIONS: 'Politics,,' })).toThrow(/SITE_SECTIONS must be section slugs/);
  });

  it('counts a slug listed twice once', () => {
    expect(sectionSlugs('world,politics,world=World')).toEqual(['world', 'politics']);
  });
});
