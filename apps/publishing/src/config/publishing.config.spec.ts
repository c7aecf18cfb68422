import { loadPublishingConfig } from './publishing.config';
import { parseSectionList } from './site-settings';

const BASE = { DATABASE_URL: 'postgres://localhost/newsroom', KAFKA_BROKERS: '127.0.0.1:9092', JWT_JWKS_FILE: 'jwks.json' };

describe(loadPublishingConfig.name, () => {
  it('has a site named Newsroom in English, in UTC, with the default sections, unless told otherwise', () => {
    expect(loadPublishingConfig(BASE).site).toEqual({
      name: 'Newsroom',
      language: 'en',
      timeZone: 'UTC',
      sections: ['politics', 'world', 'business', 'climate', 'science', 'culture'].map((slug) => ({ slug, label: slug.charAt(0).toUpperCase() + slug.slice(1) })),
    });
  });

  it('reads a Kyiv newsroom: name, Ukrainian interface, its time zone and its own section list', () => {
    const { site } = loadPublishingConfig({ ...BASE, SITE_NAME: 'Київські новини', SITE_LANGUAGE: 'uk', SITE_TIME_ZONE: 'Europe/Kyiv', SITE_SECTIONS: 'politics=Політика, world=Світ,culture' });
    expect(site).toEqual({
      name: 'Київські новини',
      language: 'uk',
      timeZone: 'Europe/Kyiv',
      sections: [
        { slug: 'politics', label: 'Політика' },
        { slug: 'world', label: 'Світ' },
        { slug: 'culture', label: 'Culture' },
      ],
    });
  });

  it.each([
    ['SITE_LANGUAGE', 'de', /SITE_LANGUAGE must be one of en, uk/],
    ['SITE_TIME_ZONE', 'Mars/Olympus', /SITE_TIME_ZONE must be an IANA time zone/],
    ['SITE_TIME_ZONE', '+02:00', /SITE_TIME_ZONE must be an IANA time zone/],
    ['SITE_TIME_ZONE', '-0500', /SITE_TIME_ZONE must be an IANA time zone/],
    ['SITE_SECTIONS', 'Politics,,', /SITE_SECTIONS must be section slugs/],
    ['SITE_NAME', 'N'.repeat(81), /SITE_NAME/],
  ])('refuses %s=%p with a readable message', (name, value, message) => {
    expect(() => loadPublishingConfig({ ...BASE, [name]: value })).toThrow(message);
  });
});

describe('SITE_LOGO_URL', () => {
  it('is optional, takes an https URL as it is and a site path against the public base URL', () => {
    expect(loadPublishingConfig(BASE).site.logoUrl).toBeUndefined();
    expect(loadPublishingConfig({ ...BASE, SITE_LOGO_URL: 'https://cdn.example.org/logo.png' }).site.logoUrl).toBe('https://cdn.example.org/logo.png');
    expect(loadPublishingConfig({ ...BASE, PUBLIC_BASE_URL: 'https://news.example.org', SITE_LOGO_URL: '/static/logo.svg' }).site.logoUrl).toBe('https://news.example.org/static/logo.svg');
  });

  it.each(['http://cdn.example.org/logo.png', 'javascript:alert(1)', '//evil.example/logo.png', 'logo.png', '/static/my logo.svg', 'https://user:pw@cdn.example.org/l.png'])(
    'refuses %p with a readable message',
    (value) => {
      expect(() => loadPublishingConfig({ ...BASE, SITE_LOGO_URL: value })).toThrow(/SITE_LOGO_URL must be an https:\/\/ URL or a path on this site/);
    },
  );
});

describe(parseSectionList.name, () => {
  it('keeps the order, humanizes slugs without a label and counts a repeated slug once', () => {
    expect(parseSectionList('climate-change,politics=Politics & power,climate-change=Again')).toEqual([
      { slug: 'climate-change', label: 'Climate change' },
      { slug: 'politics', label: 'Politics & power' },
    ]);
  });
});
