import { SLUG_PATTERN } from './article-limits';
import { tagSlug, tagSlugsOf } from './tag-slug';

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
  ])('turns %j into %j', (typed, slug) => {
    expect(tagSlug(typed)).toBe(slug);
    expect(SLUG_PATTERN.test(tagSlug(typed))).toBe(true);
  });

  it('keeps within the length limit, cutting at a word boundary, and cuts a single longer word', () => {
    expect(tagSlug('the quick brown fox jumps over the lazy dog again and again')).toBe('the-quick-brown-fox-jumps-over-the-lazy');
    expect(tagSlug('x'.repeat(50))).toBe('x'.repeat(40));
  });

  it('answers an empty string for text with nothing to make a slug of', () => {
    expect(tagSlug('!!!')).toBe('');
    expect(tagSlug('')).toBe('');
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
