/**
 * Characters XML 1.0 cannot carry at all (its `Char` production): C0 controls other than TAB,
 * LF and CR, lone surrogates, U+FFFE and U+FFFF. One of them anywhere makes a feed or a sitemap
 * ill-formed, and a conforming reader must then refuse the whole document.
 */
const NOT_XML_CHAR = /[\u{0}-\u{8}\u{B}\u{C}\u{E}-\u{1F}\u{D800}-\u{DFFF}\u{FFFE}\u{FFFF}]/gu;

/**
 * `text` with every character XML 1.0 cannot carry removed. Inputs refuse these characters
 * already (see UNSUPPORTED_CHARACTER); XML writers still pass their text through this, so an
 * article stored before the rule, or a path around it, costs one character and not the
 * well-formedness of every reader's feed.
 */
export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}
