import { DomainError } from '@newsroom/contracts';
import { preferences } from '../../../test/fixtures';
import { describePreferences, followsStory, matchesArticle, normalizePreferences, preferenceRefusals, type PreferencesInput } from './preferences';

/** The site's sections (SITE_SECTIONS) as the specs configure them. */
const SITE = ['politics', 'business', 'climate'];
const prefs = preferences;
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
    expect(normalizePreferences({ sections: [' Politics', 'business', 'politics'], tags: ['Ukraine', 'ukraine '] }, SITE)).toEqual(
      prefs({ sections: ['business', 'politics'], tags: ['ukraine'] }),
    );
  });

  it('needs a section or a tag unless breakingOnly', () => {
    expect(codeOf(() => normalizePreferences({}, SITE))).toBe('SUBSCRIBER.NO_INTERESTS');
    expect(codeOf(() => normalizePreferences({ sections: [' '], tags: [] }, SITE))).toBe('SUBSCRIBER.NO_INTERESTS');
    expect(normalizePreferences({ breakingOnly: true }, SITE)).toEqual(prefs({ frequency: 'breaking-only' }));
    expect(normalizePreferences({ tags: ['cop-30'] }, SITE).tags).toEqual(['cop-30']);
  });

  it('refuses values that are not slugs, and too many of them', () => {
    expect(codeOf(() => normalizePreferences({ sections: ['<script>'] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ tags: ['climate change'] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ tags: ['a--b'] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ tags: ['x'.repeat(41)] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ sections: Array.from({ length: 51 }, (_, i) => `s${i}`) }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
  });

  it('takes a tag in a script kept as written, as a story can carry it, and follows stories tagged so', () => {
    const chosen = normalizePreferences({ tags: ['東京-五輪', 'कोलकाता'] }, SITE);
    expect(chosen.tags).toEqual(['कोलकाता', '東京-五輪']);
    expect(matchesArticle(chosen, { section: 'sport', tags: ['東京-五輪'], priority: 'normal' })).toBe(true);
    // Not a tag's own spelling (decomposed, a space): refused rather than followed and never matched.
    expect(codeOf(() => normalizePreferences({ tags: ['서울'.normalize('NFD')] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ tags: ['東京 五輪'] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    // Sections stay a-z: they are the site's own list.
    expect(codeOf(() => normalizePreferences({ sections: ['東京'] }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
  });

  it('takes only the site\'s sections (a typo would follow nothing), but any tag: SUBSCRIBER.UNKNOWN_SECTION', () => {
    expect(codeOf(() => normalizePreferences({ sections: ['politcs'] }, SITE))).toBe('SUBSCRIBER.UNKNOWN_SECTION');
    expect(codeOf(() => normalizePreferences({ sections: ['Climate', 'sport'], breakingOnly: true }, SITE))).toBe('SUBSCRIBER.UNKNOWN_SECTION');
    expect(normalizePreferences({ sections: ['Climate'], tags: ['politcs'] }, SITE)).toEqual(prefs({ sections: ['climate'], tags: ['politcs'] }));
  });

  it('takes a frequency, and maps the older breakingOnly to one', () => {
    expect(normalizePreferences({ tags: ['budget'] }, SITE).frequency).toBe('every-story');
    expect(normalizePreferences({ tags: ['budget'], frequency: 'daily-digest' }, SITE)).toEqual(prefs({ tags: ['budget'], frequency: 'daily-digest' }));
    expect(normalizePreferences({ tags: ['budget'], breakingOnly: true }, SITE)).toEqual(prefs({ tags: ['budget'], frequency: 'breaking-only' }));
    expect(normalizePreferences({ frequency: 'breaking-only', breakingOnly: true }, SITE).breakingOnly).toBe(true);
    expect(normalizePreferences({ tags: ['budget'], frequency: 'daily-digest', breakingOnly: false }, SITE).frequency).toBe('daily-digest');
  });

  it('refuses an unknown frequency, one that contradicts breakingOnly, and a digest for a browser: SUBSCRIBER.INVALID_PREFERENCES', () => {
    expect(codeOf(() => normalizePreferences({ tags: ['budget'], frequency: 'hourly' }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ tags: ['budget'], frequency: 'every-story', breakingOnly: true }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(codeOf(() => normalizePreferences({ tags: ['budget'], frequency: 'daily-digest' }, SITE, 'push'))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
    expect(normalizePreferences({ tags: ['budget'], frequency: 'breaking-only' }, SITE, 'push').breakingOnly).toBe(true);
  });

  it('needs a section or a tag for a digest, as for every story', () => {
    expect(codeOf(() => normalizePreferences({ frequency: 'daily-digest' }, SITE))).toBe('SUBSCRIBER.NO_INTERESTS');
  });

  it('takes a time zone and quiet hours, UTC and none when absent', () => {
    expect(normalizePreferences({ tags: ['budget'], timeZone: 'America/New_York', quietHours: { start: '22:00', end: '07:00' } }, SITE)).toEqual(
      prefs({ tags: ['budget'], timeZone: 'America/New_York', quietHours: { start: '22:00', end: '07:00' } }),
    );
    expect(normalizePreferences({ tags: ['budget'], timeZone: null, quietHours: null }, SITE)).toEqual(prefs({ tags: ['budget'] }));
    expect(codeOf(() => normalizePreferences({ tags: ['budget'], timeZone: 'Atlantis/Capital' }, SITE))).toBe('SUBSCRIBER.UNKNOWN_TIME_ZONE');
    // A reader who does not say (the no-JavaScript form) is on the site's clock.
    expect(normalizePreferences({ tags: ['budget'], timeZone: '' }, SITE, 'email', 'Europe/Kyiv').timeZone).toBe('Europe/Kyiv');
    expect(normalizePreferences({ tags: ['budget'], timeZone: 'America/New_York' }, SITE, 'push', 'Europe/Kyiv').timeZone).toBe('America/New_York');
    expect(codeOf(() => normalizePreferences({ tags: ['budget'], quietHours: { start: '22:00' } }, SITE))).toBe('SUBSCRIBER.INVALID_PREFERENCES');
  });
});

describe('matchesArticle', () => {
  it('gives a digest reader no alert of its own, though the story is one they follow', () => {
    const story = { section: 'politics', tags: [], priority: 'breaking' as const };
    expect(matchesArticle(prefs({ sections: ['politics'], frequency: 'daily-digest' }), story)).toBe(false);
    expect(followsStory(prefs({ sections: ['politics'], frequency: 'daily-digest' }), story)).toBe(true);
  });

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
    expect(describePreferences(prefs({ sections: ['politics'], tags: ['ukraine'] }))).toBe('every story in politics, and every story tagged ukraine');
    expect(describePreferences(prefs({ breakingOnly: true }))).toBe('all breaking news');
    expect(describePreferences(prefs({ tags: ['ukraine'], breakingOnly: true }))).toBe('breaking news only, in stories tagged ukraine');
    expect(describePreferences(prefs({ tags: ['ukraine'], frequency: 'daily-digest', timeZone: 'Europe/Kyiv', quietHours: { start: '22:00', end: '07:00' } }))).toBe(
      'stories tagged ukraine, in one daily digest; quiet hours 22:00–07:00 (Europe/Kyiv) only for alerts one at a time, which a digest does not send',
    );
    expect(describePreferences(prefs({ sections: ['politics'], timeZone: 'Europe/Kyiv', quietHours: { start: '22:00', end: '07:00' } }))).toBe(
      'every story in politics; quiet hours 22:00–07:00 (Europe/Kyiv), except breaking news',
    );
    expect(describePreferences(prefs({ breakingOnly: true, quietHours: { start: '23:00', end: '06:30' } }))).toBe(
      'all breaking news; breaking news is sent at once, also in quiet hours 23:00–06:30 (UTC)',
    );
  });

  it('names sections as readers know them when given their labels', () => {
    const labels: Record<string, string> = { politics: 'Politics', climate: 'Climate & energy' };
    expect(describePreferences(prefs({ sections: ['climate', 'politics', 'retired'] }), (slug) => labels[slug] ?? slug)).toBe('every story in Climate & energy, Politics, and retired');
  });

  it('names tags in the words the site\'s stories typed them as, when given', () => {
    const names: Record<string, string> = { kiyiv: 'Київ' };
    expect(describePreferences(prefs({ tags: ['kiyiv', 'ports'] }), undefined, (tag) => names[tag] ?? tag)).toBe('every story tagged Київ or ports');
  });
});

describe('preferenceRefusals', () => {
  const codes = (input: PreferencesInput, channel: 'email' | 'push' = 'email') => preferenceRefusals(input, SITE, channel).map((refusal) => refusal.code);

  it('gives every refusal, not only the first', () => {
    expect(codes({ sections: ['politcs'], tags: ['Not A Slug!'], frequency: 'hourly', timeZone: 'Mars/Olympus', quietHours: { start: '22:00' } })).toEqual([
      'SUBSCRIBER.UNKNOWN_SECTION',
      'SUBSCRIBER.INVALID_PREFERENCES',
      'SUBSCRIBER.INVALID_PREFERENCES',
      'SUBSCRIBER.UNKNOWN_TIME_ZONE',
      'SUBSCRIBER.INVALID_PREFERENCES',
    ]);
    expect(codes({ frequency: 'every-story', timeZone: 'Mars/Olympus' })).toEqual(['SUBSCRIBER.NO_INTERESTS', 'SUBSCRIBER.UNKNOWN_TIME_ZONE']);
  });

  it('agrees with normalizePreferences: none when it accepts, its refusal first when it refuses', () => {
    const cases: PreferencesInput[] = [
      { sections: ['politics'] },
      { frequency: 'breaking-only', timeZone: 'Europe/Kyiv', quietHours: { start: '22:00', end: '07:00' } },
      { sections: ['politics'], quietHours: { start: '07:00', end: '07:00' } },
      { tags: ['harbour'], frequency: 'daily-digest', timeZone: 'nowhere' },
      { sections: ['world'], breakingOnly: true, frequency: 'every-story' },
      { sections: Array.from({ length: 60 }, (_, i) => `s${i}`) },
      {},
    ];
    for (const input of cases) {
      for (const channel of ['email', 'push'] as const) {
        const thrown = codeOf(() => normalizePreferences(input, SITE, channel));
        expect([channel, codes(input, channel)[0]]).toEqual([channel, thrown]);
      }
    }
  });
});
