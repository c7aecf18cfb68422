import { testContent } from '../../../test/test-articles';
import {
  ALL_TEXT_SEARCH_CONFIGS,
  fromSearchText,
  articleWithoutAccents,
  searchableBylines,
  searchableText,
  searchableWithoutAccents,
  SNIPPET_FRAGMENT_DELIMITER,
  SNIPPET_MARK_END,
  SNIPPET_MARK_START,
  textSearchConfigFor,
  toFoldedSearchQuery,
  toSearchQuery,
  wordsFoundWithoutAccents,
  toSearchText,
  withEllipses,
  WORD_BREAK,
} from './search-document';

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
  it('reads the standfirst and the words of the body, without markup, URLs or the byline names', () => {
    const text = searchableText(testContent());
    expect(text).toContain('Residents won a two-year fight over noise');
    expect(text).toContain('The council voted 7 to 2 on Thursday.');
    expect(text).toContain('We can finally sleep.\nA resident of Nowy Port');
    expect(text).toContain('The eastern quay.');
    // each item of a list, its markup reduced to its words
    expect(text).toContain('Cranes stop at 10pm and start again at 6am.\nShips already berthed may finish unloading.');
    expect(text).not.toContain('**');
    expect(text).not.toContain('https://');
    expect(text).not.toContain('Olena Kravets');
    expect(searchableBylines(testContent())).toBe('Olena Kravets\nTom Reyes');
  });

  it('drops the characters that mark highlighted words, so an article cannot forge a mark', () => {
    expect(searchableText(testContent({ standfirst: 'a \uE000b\uE001 c', body: [{ type: 'paragraph', text: 'x' }], bylines: [{ name: 'Ann \uE001Lee' }] }))).toBe('a b c\nx');
    expect(searchableBylines(testContent({ bylines: [{ name: 'Ann \uE001Lee' }] }))).toBe('Ann Lee');
  });
});

describe('search text', () => {
  it('stores angle brackets as stand-ins, which PostgreSQL does not read as tags, and gives them back', () => {
    const stored = toSearchText('a <lens> b');
    expect(stored).not.toMatch(/[<>]/);
    expect(fromSearchText(stored)).toBe('a <lens> b');
  });

  it('separates the words of scripts written without spaces for the index, and gives the text back as written', () => {
    const stored = toSearchText('東京で<新しい>夜行バス、2026年');
    // Word breaks and the angle brackets' stand-ins both part words for PostgreSQL's parser.
    expect(stored.split(/[\uE002-\uE004]/)).toEqual(expect.arrayContaining(['東京', 'で', '新しい', '夜行', 'バス', '2026']));
    expect(fromSearchText(stored)).toBe('東京で<新しい>夜行バス、2026年');
    expect(toSearchQuery('夜行バス')).toBe(`夜行${WORD_BREAK}バス`);
    // An article cannot forge a break (or any private mark) of its own.
    expect(toSearchText(`Harbour${WORD_BREAK}master`)).toBe('Harbourmaster');
  });
});

describe(withEllipses.name, () => {
  const text = ['The council voted on Thursday.', 'Lorries over 7.5 tonnes are banned from the old town overnight, ending a dispute.', 'Hauliers said the ban would cost them.'].join('\n');
  const mark = (word: string) => `${SNIPPET_MARK_START}${word}${SNIPPET_MARK_END}`;

  it('marks a passage cut from the middle of a block at both ends', () => {
    expect(withEllipses(`banned from the ${mark('old')} town overnight`, text)).toBe(`… banned from the ${mark('old')} town overnight …`);
  });

  it('adds none where the passage starts and stops with whole blocks', () => {
    expect(withEllipses(`The council ${mark('voted')} on Thursday.`, text)).toBe(`The council ${mark('voted')} on Thursday.`);
    expect(withEllipses('Hauliers said the ban would cost them.', text)).toBe('Hauliers said the ban would cost them.');
  });

  it('marks only the end a passage starting at the text’s start leaves open, and only the start of one that runs to its end', () => {
    expect(withEllipses('The council voted', text)).toBe('The council voted …');
    expect(withEllipses('the ban would cost them.', text)).toBe('… the ban would cost them.');
  });

  it('reads the first and the last of two passages', () => {
    const snippet = `on ${mark('Thursday')}.${SNIPPET_FRAGMENT_DELIMITER}Hauliers said the ${mark('ban')}`;
    expect(withEllipses(snippet, text)).toBe(`… ${snippet} …`);
  });

  it('gives back the punctuation ts_headline leaves off where a passage reaches its block\'s end or start', () => {
    expect(withEllipses(`The council ${mark('voted')} on Thursday`, text)).toBe(`The council ${mark('voted')} on Thursday.`);
    expect(withEllipses('新しい路線は羽田空港を結ぶ', '新しい路線は羽田空港を結ぶ。')).toBe('新しい路線は羽田空港を結ぶ。');
    expect(withEllipses('We can sleep', '“We can sleep.”\nNext block')).toBe('“We can sleep.”');
    // A word left after the passage is a cut, whatever punctuation goes with it.
    expect(withEllipses('The council voted on', text)).toBe('The council voted on …');
  });

  it('leaves an empty snippet empty, and marks a passage the text does not hold at both ends', () => {
    expect(withEllipses('  ', text)).toBe('');
    expect(withEllipses('nowhere in it', text)).toBe('… nowhere in it …');
  });
});

describe(searchableWithoutAccents.name, () => {
  it('keeps the words that read differently without their accents, folded as slugs are, each once', () => {
    expect(searchableWithoutAccents(['Gdańsk Street, Łódź and the Straße café', 'Gdańsk again'])).toBe('gdansk\nlodz\nstrasse\ncafe');
  });

  it('adds nothing for words with nothing to fold, nor for scripts slugs keep as written', () => {
    expect(searchableWithoutAccents(['Harbour crane ban, 2026', '東京で新しい夜行バス'])).toBe('');
  });

  it('reads the headline, the text and the byline names of an article', () => {
    const folded = articleWithoutAccents(testContent({ headline: 'Kraków market reopens', standfirst: 'Stalls return to Rynek Główny.', bylines: [{ name: 'Zoë Ñúñez' }] }));
    expect(folded.split('\n')).toEqual(expect.arrayContaining(['krakow', 'glowny', 'zoe', 'nunez']));
  });
});

describe(wordsFoundWithoutAccents.name, () => {
  const texts = ['Gdańsk shipyard cranes return', 'Dźwigi wracają do stoczni w Gdańsku. Gdańsk świętuje.'];

  it('names the words written with accents that the reader typed without them, as the text writes them, each once', () => {
    expect(wordsFoundWithoutAccents('gdansk shipyard', texts)).toEqual(['Gdańsk']);
    expect(wordsFoundWithoutAccents('GDANSKU dzwigi swietuje', texts)).toEqual(['Dźwigi', 'Gdańsku', 'świętuje']);
  });

  it('names none for words typed as written, nor for words with nothing to fold, nor for scripts kept as written', () => {
    expect(wordsFoundWithoutAccents('shipyard stoczni', texts)).toEqual([]);
    expect(wordsFoundWithoutAccents('東京', ['東京で新しい夜行バス'])).toEqual([]);
    expect(wordsFoundWithoutAccents('', texts)).toEqual([]);
    expect(wordsFoundWithoutAccents('gdynia', texts)).toEqual([]);
  });

  it('names none the reader typed as the text writes it, which PostgreSQL marks itself', () => {
    expect(wordsFoundWithoutAccents('gdańsk', texts)).toEqual([]);
    expect(wordsFoundWithoutAccents('gdańsk dzwigi', texts)).toEqual(['Dźwigi']);
  });

  it('leaves out a word the reader excludes, and reads a hyphen inside a word as part of it', () => {
    expect(wordsFoundWithoutAccents('shipyard -gdansk', texts)).toEqual([]);
    expect(wordsFoundWithoutAccents('"dzwigi" -gdansku', texts)).toEqual(['Dźwigi']);
    expect(wordsFoundWithoutAccents('north-gdansk', texts)).toEqual(['Gdańsk']);
  });
});

describe(toFoldedSearchQuery.name, () => {
  it('folds every word with something to fold and leaves the rest, the search syntax too, as typed', () => {
    expect(toFoldedSearchQuery('"Gdańsk Street" or Łódź -café')).toBe('"gdansk Street" or lodz -cafe');
    expect(toFoldedSearchQuery('東京')).toBe('東京');
  });
});
