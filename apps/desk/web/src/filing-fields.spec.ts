import { filedTagsText } from './filing-fields';

describe(filedTagsText.name, () => {
  it('says what each tag is filed under, in the order typed', () => {
    expect(filedTagsText('Gdańsk Street,  Київ , iPhone, bridges')).toBe('Filed under: gdansk-street, kiyiv, iphone, bridges.');
    expect(filedTagsText('東京, café')).toBe('Filed under: 東京, cafe.');
  });

  it('names every spelling kept once because it is the same tag as an earlier one', () => {
    expect(filedTagsText('Night Buses, Harwick, night buses')).toBe('Filed under: night-buses, harwick. “night buses” is the same tag as “Night Buses”: kept once.');
    expect(filedTagsText('Gdańsk Street, gdansk street, GDANSK  STREET, Gdańsk Street')).toBe(
      'Filed under: gdansk-street. “gdansk street” and “GDANSK STREET” are the same tag as “Gdańsk Street”: kept once.',
    );
  });

  it('says nothing for no tags, and leaves out what is not a tag at all', () => {
    expect(filedTagsText('')).toBe('');
    expect(filedTagsText(' , ,')).toBe('');
    expect(filedTagsText('?!, ports')).toBe('Filed under: ports.');
  });
});
