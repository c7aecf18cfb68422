import { testContent } from '../../../test/test-articles';
import { ALL_TEXT_SEARCH_CONFIGS, fromSearchText, searchableText, textSearchConfigFor, toSearchText } from './search-document';

describe(textSearchConfigFor.name, () => {
  it.each([
    ['en', 'english'],
    ['en-GB', 'english'],
    ['de', 'german'],
    ['ar', 'arabic'],
    ['uk', 'simple'],
    ['pl', 'simple'],
  ])('indexes %s with %s', (language, config) => {
    expect(textSearchConfigFor(language)).toBe(config);
  });

  it('asks every configuration once', () => {
    expect(new Set(ALL_TEXT_SEARCH_CONFIGS).size).toBe(ALL_TEXT_SEARCH_CONFIGS.length);
    expect(ALL_TEXT_SEARCH_CONFIGS).toEqual(expect.arrayContaining(['english', 'simple']));
  });
});

describe(searchableText.name, () => {
  it('reads the standfirst, the words of the body and the byline names, without markup or URLs', () => {
    const text = searchableText(testContent());
    expect(text).toContain('Residents won a two-year fight over noise');
    expect(text).toContain('The council voted 7 to 2 on Thursday.');
    expect(text).toContain('We can finally sleep.\nA resident of Nowy Port');
    expect(text).toContain('The eastern quay.');
    expect(text).not.toContain('**');
    expect(text).not.toContain('https://');
    expect(text.endsWith('Olena Kravets\nTom Reyes')).toBe(true);
  });

  it('drops the characters that mark highlighted words, so an article cannot forge a mark', () => {
    expect(searchableText(testContent({ standfirst: 'a \uE000b\uE001 c', body: [{ type: 'paragraph', text: 'x' }], bylines: [{ name: 'Ann \uE001Lee' }] }))).toBe('a b c\nx\nAnn Lee');
  });
});

describe('search text', () => {
  it('stores angle brackets as stand-ins, which PostgreSQL does not read as tags, and gives them back', () => {
    const stored = toSearchText('a <lens> b');
    expect(stored).not.toMatch(/[<>]/);
    expect(fromSearchText(stored)).toBe('a <lens> b');
  });
});
