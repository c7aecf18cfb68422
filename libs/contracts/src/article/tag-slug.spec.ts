import { SLUG_PATTERN } from './article-limits';
import { isTagLabelOf, isTagSlug, labelOfTag, labelsOfTags, tagEntryProblem, tagLabelsProblem, tagsAsTyped, tagSlug, tagSlugsOf } from './tag-slug';

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

describe('why an entry cannot be a tag', () => {
  it('says so for an entry tagsAsTyped keeps as typed, and for nothing it files', () => {
    expect(tagEntryProblem('🎉 !!')).toBe('has no letters or digits');
    expect(tagEntryProblem('Parliamentary committee on the environment and energy')).toBe('is longer than a tag can be (at most 40 characters)');
    expect(tagEntryProblem(3)).toBe('is not text');
    for (const entry of ['Gdańsk Street', 'Київ', '東京', 'cop-30', ' Ports ']) expect(tagEntryProblem(entry)).toBeUndefined();
    for (const entry of ['🎉', 'Parliamentary committee on the environment and energy', 'ports']) {
      const filed = tagsAsTyped(entry).tags[0];
      expect(tagEntryProblem(entry) === undefined).toBe(isTagSlug(filed));
    }
  });
});

describe('tags as typed', () => {
  it('keeps the words a tag was typed as where they say more than its slug', () => {
    expect(tagsAsTyped('Gdańsk Street, Київ, ports, 東京, iPhone')).toEqual({
      tags: ['gdansk-street', 'kiyiv', 'ports', '東京', 'iphone'],
      tagLabels: { 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ', iphone: 'iPhone' },
    });
  });

  it('keeps the first spelling of a tag typed twice, with its spaces tidied', () => {
    expect(tagsAsTyped('  River   Harle , river harle, RIVER HARLE')).toEqual({ tags: ['river-harle'], tagLabels: { 'river-harle': 'River Harle' } });
    expect(tagsAsTyped('ports, Ports')).toEqual({ tags: ['ports'], tagLabels: {} });
  });

  it('gives no label to an entry validation will refuse, which stays as typed among the tags', () => {
    const long = 'the quick brown fox jumps over the lazy dog again';
    expect(tagsAsTyped(`Harbour, !!!, ${long}`)).toEqual({ tags: ['harbour', '!!!', long], tagLabels: { harbour: 'Harbour' } });
  });

  it('gives no label longer than the limit, though its tag fits: the tag is kept, in its slug\'s words', () => {
    const typed = `EU–US trade talks (2026) ${'!'.repeat(40)}`;
    expect(typed.length).toBeGreaterThan(60);
    expect(tagsAsTyped(typed)).toEqual({ tags: ['eu-us-trade-talks-2026'], tagLabels: {} });
    expect(tagsAsTyped('Київ-Святошинський район').tagLabels).toEqual({ 'kiyiv-svyatoshinskij-rajon': 'Київ-Святошинський район' });
  });

  it('takes a label only when it spells its own tag, on one line, trimmed', () => {
    expect(isTagLabelOf('Gdańsk Street', 'gdansk-street')).toBe(true);
    expect(isTagLabelOf('GDANSK street', 'gdansk-street')).toBe(true);
    expect(isTagLabelOf('Gdynia', 'gdansk-street')).toBe(false);
    expect(isTagLabelOf(' Gdańsk Street', 'gdansk-street')).toBe(false);
    expect(isTagLabelOf('Gdańsk  Street', 'gdansk-street')).toBe(false);
    expect(isTagLabelOf('Gdańsk\nStreet', 'gdansk-street')).toBe(false);
    expect(isTagLabelOf('Gdańsk\u2028Street', 'gdansk-street')).toBe(false);
    expect(isTagLabelOf('Gdańsk\u2029Street', 'gdansk-street')).toBe(false);
    expect(isTagLabelOf('', 'gdansk-street')).toBe(false);
    expect(isTagLabelOf(42, 'gdansk-street')).toBe(false);
  });

  it('says what is wrong with an article\'s labels, naming the tag', () => {
    const tags = ['gdansk-street', 'kiyiv'];
    expect(tagLabelsProblem({ 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ' }, tags)).toBeUndefined();
    expect(tagLabelsProblem({}, tags)).toBeUndefined();
    expect(tagLabelsProblem(['Gdańsk Street'], tags)).toMatch(/must be an object/);
    expect(tagLabelsProblem('Gdańsk Street', tags)).toMatch(/must be an object/);
    expect(tagLabelsProblem({ gdynia: 'Gdynia' }, tags)).toBe('tagLabels has a label for "gdynia", which is not one of the article\'s tags');
    expect(tagLabelsProblem({ kiyiv: 'Lviv' }, tags)).toMatch(/^tagLabels\.kiyiv must be the words "kiyiv" was typed as/);
    expect(tagLabelsProblem({ kiyiv: 7 }, tags)).toMatch(/^tagLabels\.kiyiv/);
  });

  it('keeps only the labels of tags that stay, and reads a label safely', () => {
    expect(labelsOfTags({ a: 'A', 'gdansk-street': 'Gdańsk Street' }, ['gdansk-street'])).toEqual({ 'gdansk-street': 'Gdańsk Street' });
    expect(labelsOfTags({ a: 'A' }, [])).toBeUndefined();
    expect(labelsOfTags(undefined, ['a'])).toBeUndefined();
    expect(labelOfTag('kiyiv', { kiyiv: 'Київ' })).toBe('Київ');
    expect(labelOfTag('constructor', {})).toBeUndefined();
    expect(labelOfTag('kiyiv', undefined)).toBeUndefined();
  });
});
