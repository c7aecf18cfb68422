import { oneLine } from './one-line';

describe(oneLine.name, () => {
  it.each([
    ['LF', 'Harbour council\napproves ban', 'Harbour council approves ban'],
    ['CRLF with the spaces around it', 'Harbour council \r\n  approves ban', 'Harbour council approves ban'],
    ['a lone CR', 'Harbour\rcouncil', 'Harbour council'],
    ['LINE SEPARATOR', 'Harbour\u2028council', 'Harbour council'],
    ['PARAGRAPH SEPARATOR', 'Harbour\u2029council', 'Harbour council'],
    ['blank lines between', 'Harbour\n\n \n\ncouncil', 'Harbour council'],
    ['breaks at both ends', '\n Harbour council \n', 'Harbour council'],
    ['a right-to-left place', 'تل\nأبيب', 'تل أبيب'],
  ])('folds %s into one space', (_, text, expected) => {
    expect(oneLine(text)).toBe(expected);
  });

  it('keeps spaces and tabs within a line as typed, and trims the ends', () => {
    expect(oneLine('  Cranes  fall\tsilent ')).toBe('Cranes  fall\tsilent');
  });

  it('leaves nothing of text made only of line breaks and spaces', () => {
    expect(oneLine('\r\n \u2028\n')).toBe('');
  });

  it('keeps format characters, which are not line breaks: joiners, marks, isolates', () => {
    const family = '👩\u200d👩\u200d👧';
    expect(oneLine(`\u200f${family}\u2066x\u2069\n`)).toBe(`\u200f${family}\u2066x\u2069`);
  });

  it('is linear: a megabyte of spaces around one line break is folded at once', () => {
    const text = `${' '.repeat(1_000_000)}\n${' '.repeat(1_000_000)}x`;
    expect(oneLine(text)).toBe('x');
  });
});
