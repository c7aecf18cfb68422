import { SLUG_PATTERN } from '@newsroom/contracts';
import { authorSlug, isAuthorSlug, SLUG_MAX_LENGTH, slugCandidates, slugFromHeadline } from './slug';

const ID = '5150485c-452c-4066-a93f-52483f84c08b';

describe('slugFromHeadline', () => {
  it.each([
    ['Harbour council approves night-time crane ban', 'harbour-council-approves-night-time-crane-ban'],
    ['  What’s next?  The “plan”, explained! ', 'whats-next-the-plan-explained'],
    ['Gdańsk: Straße & Café reopen', 'gdansk-strasse-and-cafe-reopen'],
    ['Київ готується до зими', 'kiyiv-gotuyetsya-do-zimi'],
    ['<script>alert(1)</script> headline', 'script-alert1-script-headline'],
    ['COP30: 1.5°C goal "out of reach"', 'cop30-15c-goal-out-of-reach'],
  ])('%p → %p', (headline, slug) => {
    expect(slugFromHeadline(headline)).toBe(slug);
  });

  it('is always a valid slug', () => {
    for (const headline of ['---', '!!!', 'a--b', '  -x- ', 'Ünïcödé ☃ snow', '日本語の見出し']) {
      expect(slugFromHeadline(headline)).toMatch(SLUG_PATTERN);
    }
  });

  it('falls back to "article" when nothing readable is left', () => {
    expect(slugFromHeadline('!!! ??? ###')).toBe('article');
    expect(slugFromHeadline('日本語の見出し')).toBe('article');
  });

  it(`cuts at a word boundary to at most ${SLUG_MAX_LENGTH} characters`, () => {
    const slug = slugFromHeadline('The quick brown fox jumps over the lazy dog '.repeat(5));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug).toMatch(/^the-quick-brown-fox-jumps-over-the-lazy-dog-the-quick-brown-fox-jumps-over-the$/);
  });

  it('cuts a single over-long word', () => {
    expect(slugFromHeadline('x'.repeat(200))).toBe('x'.repeat(SLUG_MAX_LENGTH));
  });
});

describe('slugCandidates', () => {
  it('tries the plain slug, then a short id suffix, then the whole id', () => {
    expect(slugCandidates('Flood warning', ID)).toEqual([
      'flood-warning',
      'flood-warning-5150485c',
      'flood-warning-5150485c452c4066a93f52483f84c08b',
    ]);
  });

  it('keeps every candidate within the length limit and a valid slug', () => {
    for (const slug of slugCandidates('word '.repeat(60), ID)) {
      expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
      expect(slug).toMatch(SLUG_PATTERN);
    }
  });

  it('is stable for the same article, so a retried publication picks the same slug', () => {
    expect(slugCandidates('Same headline', ID)).toEqual(slugCandidates('Same headline', ID));
    expect(slugCandidates('Same headline', ID)[1]).not.toBe(slugCandidates('Same headline', '7f0c7d3e-5b1a-4c6f-9e8d-7a6b5c4d3e2f')[1]);
  });
});

describe('authorSlug', () => {
  it.each([
    ['Olena Kravets', 'olena-kravets'],
    ['Marta Søndergaard', 'marta-sondergaard'],
    ["Siobhán O'Brien", 'siobhan-obrien'],
    ['Олена Кравець', 'olena-kravec'],
    // Scripts slugify cannot transliterate are kept as written, one page per person.
    ['山田太郎', '山田太郎'],
    ['王小明', '王小明'],
    ['अमित शर्मा', 'अमित-शर्मा'],
    ['สมชาย ใจดี', 'สมชาย-ใจดี'],
    ['李 Wei', '李-wei'],
    ['＠＠＠', 'author'],
  ])('%s → %s', (name, slug) => {
    expect(authorSlug(name)).toBe(slug);
  });

  it('gives different people different pages, whatever their script', () => {
    const names = ['山田太郎', '王小明', '김민준', 'أحمد علي', 'Olena Kravets', 'אבי כהן'];
    expect(new Set(names.map(authorSlug)).size).toBe(names.length);
  });

  it('is at most SLUG_MAX_LENGTH long, and each slug it gives is one (isAuthorSlug)', () => {
    const long = authorSlug('Bartholomew '.repeat(12));
    expect(long.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    for (const name of ['Olena Kravets', '山田太郎', 'अमित शर्मा', long]) expect(isAuthorSlug(authorSlug(name))).toBe(true);
  });

  it('takes no other spelling for an address: upper case, spaces, another form', () => {
    for (const value of ['Olena-Kravets', 'olena kravets', '', 'olena--kravets', '-olena', 'x'.repeat(SLUG_MAX_LENGTH + 1), '山田太郎'.normalize('NFD') + ' ']) {
      expect(isAuthorSlug(value)).toBe(false);
    }
  });
});
