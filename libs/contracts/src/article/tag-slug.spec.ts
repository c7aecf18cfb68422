import { SLUG_PATTERN } from './article-limits';
import { isTagSlug, tagSlug, tagSlugsOf } from './tag-slug';

describe('tag slugs', () => {
  it.each([
    ['River Harle', 'river-harle'],
    ['Kyiv', 'kyiv'],
    ['  Gdańsk ', 'gdansk'],
    ['Київ', 'kiyiv'],
    ['climate-change', 'climate-change'],
    ['COVID-19  vaccines', 'covid-19-vaccines'],
    ['Rock & Roll', 'rock-and-roll'],
    ['<b>ports</b>', 'b-ports-b'],
    ['ＣＯＶＩＤ－１９', 'covid-19'],
  ])('turns %j into %j', (typed, slug) => {
    expect(tagSlug(typed)).toBe(slug);
    expect(SLUG_PATTERN.test(tagSlug(typed))).toBe(true);
  });

  // Scripts slugify cannot transliterate were dropped, so such a tag could not be given at all.
  it.each([
    ['東京', '東京'],
    ['Tokyo 東京', 'tokyo-東京'],
    ['서울 시장', '서울-시장'],
    ['कोलकाता', 'कोलकाता'],
    ['কলকাতা বন্দর', 'কলকাতা-বন্দর'],
    ['ירושלים', 'ירושלים'],
    ['กรุงเทพ', 'กรุงเทพ'],
    ['東京、「五輪」', '東京五輪'],
  ])('keeps a script it cannot transliterate as written: %j into %j', (typed, slug) => {
    expect(tagSlug(typed)).toBe(slug);
    expect(isTagSlug(slug)).toBe(true);
  });

  it('composes what is typed in decomposed form (NFD), so both spellings are one tag', () => {
    const decomposed = '서울'.normalize('NFD');
    expect(decomposed).not.toBe('서울');
    expect(tagSlug(decomposed)).toBe('서울');
    expect(isTagSlug(decomposed)).toBe(false);
  });

  it('takes as a tag exactly what is its own slug, within the length limit', () => {
    for (const valid of ['climate-change', 'cop-30', 'kiyiv', '東京', 'tokyo-東京', 'x'.repeat(40), '東'.repeat(40)]) expect([valid, isTagSlug(valid)]).toEqual([valid, true]);
    for (const invalid of ['', 'Climate', 'café', 'kyiv ', '-ports', 'ports-', 'a--b', 'a_b', '東京 ', '🙂', 'x'.repeat(41), '東'.repeat(41), 42, null]) {
      expect([invalid, isTagSlug(invalid)]).toEqual([invalid, false]);
    }
  });

  it('takes every slug of the a-z rule as a tag, so no stored tag becomes invalid', () => {
    for (const slug of ['a', 'river-harle', 'covid-19-vaccines', '2026', 'b-ports-b']) expect(SLUG_PATTERN.test(slug) && isTagSlug(slug)).toBe(true);
  });

  it('keeps within the length limit, cutting at a word boundary, and cuts a single longer word', () => {
    expect(tagSlug('the quick brown fox jumps over the lazy dog again and again')).toBe('the-quick-brown-fox-jumps-over-the-lazy');
    expect(tagSlug('x'.repeat(50))).toBe('x'.repeat(40));
  });

  it('answers an empty string for text with nothing to make a slug of', () => {
    expect(tagSlug('!!!')).toBe('');
    expect(tagSlug('')).toBe('');
    expect(tagSlug('🙂 🎉')).toBe('');
  });

  it('reads a comma-separated field: slugs in order, each once, an entry with no slug kept as typed', () => {
    expect(tagSlugsOf('River Harle, Parking,, river harle , !!! ')).toEqual(['river-harle', 'parking', '!!!']);
    expect(tagSlugsOf('flooding, River Harle')).toEqual(['flooding', 'river-harle']);
    expect(tagSlugsOf('  ')).toEqual([]);
  });

  it('keeps an entry whose slug would be cut as typed, for validation to refuse rather than follow a tag nobody chose', () => {
    const long = 'the quick brown fox jumps over the lazy dog again';
    expect(tagSlugsOf(`harbour, ${long}`)).toEqual(['harbour', long]);
    expect(tagSlugsOf('x'.repeat(41))).toEqual(['x'.repeat(41)]);
    expect(tagSlugsOf('x'.repeat(40))).toEqual(['x'.repeat(40)]);
  });
});
