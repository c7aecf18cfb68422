import { DomainError } from '@newsroom/contracts';
import { describePreferences, matchesArticle, normalizePreferences, type Preferences } from './preferences';

/** The site's sections (SITE_SECTIONS) as the specs configure them. */
const SITE = ['politics', 'business', 'climate'];
const prefs = (p: Partial<Preferences>): Preferences => ({ sections: [], tags: [], breakingOnly: false, ...p });
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
};

describe('normalizePreferences', () => {
  it('lower-cases, trims, de-duplicates and sorts', () => {
    expect(normalizePreferences({ sections: [' Politics', 'business', 'politics'], tags: ['Ukraine', 'ukraine '] }, SITE)).toEqual({
      sections: ['business', 'politics'],
      tags: ['ukraine'],
      breakingOnly: false,
    });
  });

  it('needs a section or a tag unless breakingOnly', () => {
    expect(codeOf(() => normalizePreferences({}, SITE))).toBe('SUBSCRIBER.NO_INTERESTS');
    expect(codeOf(() => normalizePreferences({ sections: [' '], tags: [] }, SITE))).toBe('SUBSCRIBER.NO_INTERESTS');
    expect(normalizePreferences({ breakingOnly: true }, SITE)).toEqual({ sections: [], tags: [], breakingOnly: true });
    expect(normalizePreferences({ tags: ['cop-30'] }, SITE).tags).toEqual(['cop-30']);
  });

  it('refuses values that are not slugs, and too many of them', () => {
    expect(codeOf(() => normalizePreferences({ sections: ['<script>'] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ tags: ['climate change'] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ tags: ['a--b'] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ tags: ['x'.repeat(41)] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ sections: Array.from({ length: 51 }, (_, i) => `s${i}`) }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
  });

  it('takes only the site\'s sections (a typo would follow nothing), but any tag: SUBSCRIBER.UNKNOWN_SECTION', () => {
    expect(codeOf(() => normalizePreferences({ sections: ['politcs'] }, SITE))).toBe('SUBSCRIBER.UNKNOWN_SECTION');
    expect(codeOf(() => normalizePreferences({ sections: ['Climate', 'sport'], breakingOnly: true }, SITE))).toBe('SUBSCRIBER.UNKNOWN_SECTION');
    expect(normalizePreferences({ sections: ['Climate'], tags: ['politcs'] }, SITE)).toEqual({ sections: ['climate'], tags: ['politcs'], breakingOnly: false });
  });
});

describe('matchesArticle', () => {
  const article = { section: 'politics', tags: ['ukraine', 'budget'], priority: 'normal' as const };
  const breaking = { ...article, priority: 'breaking' as const };

  it('matches a followed section or any followed tag', () => {
    expect(matchesArticle(prefs({ sections: ['politics'] }), article)).toBe(true);
    expect(matchesArticle(prefs({ tags: ['budget'] }), article)).toBe(true);
    expect(matchesArticle(prefs({ sections: ['sport'], tags: ['ukraine'] }), article)).toBe(true);
  });

  it('does not match other sections and tags', () => {
    expect(matchesArticle(prefs({ sections: ['sport'] }), article)).toBe(false);
    expect(matchesArticle(prefs({ sections: ['sport'], tags: ['football'] }), breaking)).toBe(false);
  });

  it('compares case-insensitively with what the article says', () => {
    expect(matchesArticle(prefs({ sections: ['politics'] }), { ...article, section: 'Politics' })).toBe(true);
    expect(matchesArticle(prefs({ tags: ['ukraine'] }), { ...article, tags: ['UKRAINE'] })).toBe(true);
  });

  it('gives breaking-only subscribers breaking news only', () => {
    expect(matchesArticle(prefs({ sections: ['politics'], breakingOnly: true }), article)).toBe(false);
    expect(matchesArticle(prefs({ sections: ['politics'], breakingOnly: true }), breaking)).toBe(true);
    expect(matchesArticle(prefs({ sections: ['sport'], breakingOnly: true }), breaking)).toBe(false);
  });

  it('gives a breaking-only subscriber who follows nothing every breaking story', () => {
    expect(matchesArticle(prefs({ breakingOnly: true }), breaking)).toBe(true);
    expect(matchesArticle(prefs({ breakingOnly: true }), article)).toBe(false);
  });

  it('sends breaking news to ordinary followers of its section too', () => {
    expect(matchesArticle(prefs({ sections: ['politics'] }), breaking)).toBe(true);
  });
});

describe('describePreferences', () => {
  it('says what a subscriber gets in words', () => {
    expect(describePreferences(prefs({ sections: ['politics'], tags: ['ukraine'] }))).toBe('sections: politics; tags: ukraine');
    expect(describePreferences(prefs({ breakingOnly: true }))).toBe('all breaking news');
    expect(describePreferences(prefs({ tags: ['ukraine'], breakingOnly: true }))).toBe('breaking news only, in tags: ukraine');
  });
});
