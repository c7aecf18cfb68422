import { balancedBidi } from './bidi-controls';

const [LRE, RLE, PDF, LRO, RLO] = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E'];
const [LRI, RLI, FSI, PDI] = ['\u2066', '\u2067', '\u2068', '\u2069'];

describe(balancedBidi.name, () => {
  it.each([
    ['an override left open at the end', `Harbour ${RLO}txt.exe`, `Harbour ${RLO}txt.exe${PDF}`],
    ['an embedding left open', `${RLE}שלום`, `${RLE}שלום${PDF}`],
    ['an isolate left open', `${FSI}Київ`, `${FSI}Київ${PDI}`],
    ['an override inside an open isolate, innermost closed first', `${RLI}a${LRO}b`, `${RLI}a${LRO}b${PDF}${PDI}`],
  ])('closes %s', (_, text, expected) => {
    expect(balancedBidi(text)).toBe(expected);
  });

  it.each([
    ['a PDI with no isolate open, which would end the isolate the text is shown in', `abc${PDI}${RLO}xyz`, `abc${RLO}xyz${PDF}`],
    ['a PDF with no embedding open', `${PDF}abc`, 'abc'],
    ['a PDF meant for an embedding outside the current isolate', `${RLE}a${LRI}b${PDF}c${PDI}`, `${RLE}a${LRI}bc${PDI}${PDF}`],
  ])('takes out %s', (_, text, expected) => {
    expect(balancedBidi(text)).toBe(expected);
  });

  it('keeps balanced controls, and lets a PDI close the embeddings opened inside its isolate', () => {
    expect(balancedBidi(`${LRE}a${PDF} ${RLI}b${PDI}`)).toBe(`${LRE}a${PDF} ${RLI}b${PDI}`);
    expect(balancedBidi(`${FSI}a${RLO}b${PDI}c`)).toBe(`${FSI}a${RLO}b${PDI}c`);
  });

  it('leaves the marks alone (LRM, RLM, ALM are not controls that open anything) and text without controls as is', () => {
    const marked = '\u200fתל אביב\u200e, \u061c2025';
    expect(balancedBidi(marked)).toBe(marked);
    const plain = 'Harbour council 👩\u200d👩\u200d👧';
    expect(balancedBidi(plain)).toBe(plain);
  });

  it('is linear: fifty thousand embeddings followed by fifty thousand stray PDIs are balanced at once', () => {
    const result = balancedBidi(RLE.repeat(50_000) + PDI.repeat(50_000));
    expect(result).toBe(RLE.repeat(50_000) + PDF.repeat(50_000));
  });

  it('is linear: a hundred thousand openers are closed at once', () => {
    const text = RLO.repeat(100_000);
    const result = balancedBidi(text);
    expect(result).toHaveLength(200_000);
    expect(result.endsWith(PDF)).toBe(true);
  });
});
