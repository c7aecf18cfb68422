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

  it('says nothing for no tags', () => {
    expect(filedTagsText('')).toBe('');
    expect(filedTagsText(' , ,')).toBe('');
  });

  it('names each entry that cannot be a tag, and why, since the story would not be saved with it', () => {
    expect(filedTagsText('?!, ports')).toBe('Filed under: ports. “?!” has no letters or digits, so it cannot be a tag.');
    expect(filedTagsText('🎉')).toBe('“🎉” has no letters or digits, so it cannot be a tag.');
    expect(filedTagsText('Ports, Parliamentary committee on the environment and energy, 🎉, 🎉')).toBe(
      'Filed under: ports. “Parliamentary committee on the environment and energy” is longer than a tag can be (at most 40 characters), so it cannot be a tag. “🎉” has no letters or digits, so it cannot be a tag.',
    );
  });
});
