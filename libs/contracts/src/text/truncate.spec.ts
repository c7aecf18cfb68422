import { findUnsupportedCharacter } from './unsupported-characters';
import { truncateText, truncateUtf8 } from './truncate';
import { xmlSafeText } from './xml-text';

describe(truncateText.name, () => {
  it('leaves text within the limit alone', () => {
    expect(truncateText('Crane ban', 9)).toBe('Crane ban');
  });

  it('cuts longer text and adds an ellipsis, within the limit', () => {
    expect(truncateText('Harbour council approves crane ban', 16)).toBe('Harbour council…');
  });

  it('never leaves half a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀 and more`;
    const cut = truncateText(text, 11);
    expect(cut).toBe(`${'a'.repeat(9)}…`);
    expect(findUnsupportedCharacter(cut)).toBeUndefined();
  });

  it('keeps a family emoji or a flag whole, or drops it whole', () => {
    const family = '👩‍👩‍👧';
    expect(truncateText(`ab${family}cd`, 6)).toBe('ab…');
    expect(truncateText(`ab${family}cd`, 2 + family.length + 1)).toBe(`ab${family}…`);
    expect(truncateText('🇺🇦🇺🇦🇺🇦', 5)).toBe('🇺🇦…');
    expect(truncateText('🇺🇦🇺🇦🇺🇦', 4)).toBe('…');
  });

  it('keeps combining accents with their letter, never a bare "cafe"', () => {
    expect(truncateText('cafe\u0301 noir', 5)).toBe('caf…');
    expect(truncateText('cafe\u0301 noir', 6)).toBe('cafe\u0301…');
  });

  it('takes another ellipsis', () => {
    expect(truncateText('abcdef', 5, '...')).toBe('ab...');
  });
});

describe(truncateUtf8.name, () => {
  it('counts bytes and cuts between characters', () => {
    const cut = truncateUtf8('Київ Київ', 12);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(12);
    expect(cut).toBe('Київ…');
  });

  it('leaves text within the limit alone', () => {
    expect(truncateUtf8('Київ', 8)).toBe('Київ');
  });
});

describe(xmlSafeText.name, () => {
  it('removes what XML 1.0 cannot carry and keeps the rest', () => {
    expect(xmlSafeText('a\u0000b\u0008c\u000Bd\u001De\uFFFEf\uFFFFg\ud83dh\tI\nJ\rK 😀 Київ')).toBe('abcdefgh\tI\nJ\rK 😀 Київ');
  });
});
