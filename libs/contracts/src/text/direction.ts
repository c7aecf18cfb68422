export type TextDirection = 'ltr' | 'rtl';

/** Scripts written right to left, for runtimes whose Intl.Locale has no text info. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku-arab', 'nqo', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/**
 * The writing direction of a language tag (`ar`, `he`, `fa-IR`, `uk`): what `dir` says on
 * every element holding text in it, so punctuation, parentheses and numbers sit where a reader
 * of that script expects them. Unknown or malformed tags are left to right.
 */
export function textDirection(language: string): TextDirection {
  try {
    const info = (new Intl.Locale(language) as Intl.Locale & { textInfo?: { direction?: string } }).textInfo;
    if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  } catch {
    return 'ltr';
  }
  const lower = language.toLowerCase();
  return RTL_LANGUAGES.has(lower) || RTL_LANGUAGES.has(lower.split('-')[0]) ? 'rtl' : 'ltr';
}
