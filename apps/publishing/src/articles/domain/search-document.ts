import { inlineTextsOf, inlineToPlainText, separateWords, slugOf, type ArticleContent } from '@newsroom/contracts';

/**
 * PostgreSQL's text search configurations (PostgreSQL 15, the oldest we support) by the ISO
 * 639-1 code of the language they stem. A language without one (Ukrainian, Polish, …) is
 * indexed with 'simple': words are lowercased but not stemmed, so a reader finds the exact
 * word form. Keep this list to configurations that ship with PostgreSQL: an unknown name
 * would make every write of such an article fail.
 */
export const TEXT_SEARCH_CONFIGS: Readonly<Record<string, string>> = {
  ar: 'arabic',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};

export const FALLBACK_TEXT_SEARCH_CONFIG = 'simple';

/** Every configuration an article can be indexed with: a search asks each of them. */
export const ALL_TEXT_SEARCH_CONFIGS: readonly string[] = [...new Set([...Object.values(TEXT_SEARCH_CONFIGS), FALLBACK_TEXT_SEARCH_CONFIG])].sort();

/** The text search configuration for an article language such as `en`, `en-GB` or `uk`. */
export function textSearchConfigFor(language: string): string {
  return TEXT_SEARCH_CONFIGS[language.toLowerCase().split('-')[0]] ?? FALLBACK_TEXT_SEARCH_CONFIG;
}

/**
 * Private-use characters that mark the highlighted words of a search snippet. They never
 * reach a reader: searchable text is stripped of them, so an article cannot forge a mark,
 * and the site turns them into escaped `<mark>` elements.
 */
export const SNIPPET_MARK_START = '\uE000';
export const SNIPPET_MARK_END = '\uE001';
/**
 * Stand-ins for `<` and `>` in searchable text. PostgreSQL's text search parser reads
 * `<word>` as an XML tag: it would neither index the word nor show it in a snippet. The
 * stand-ins separate words like spaces do; `fromSearchText` turns them back.
 */
export const ANGLE_OPEN = '\uE002';
export const ANGLE_CLOSE = '\uE003';
/**
 * Put between the words of text in a script written without spaces (Chinese, Japanese, Thai…;
 * separateWords): PostgreSQL's parser finds words between spaces and punctuation, so
 * "東京で新しい夜行バス" was one word and "東京" found nothing. It separates words like a space and
 * is taken out again before a reader sees the text (fromSearchText).
 */
export const WORD_BREAK = '\uE004';
const PRIVATE_MARKS = /[\uE000-\uE004]/g;

/** Between two passages of one snippet (ts_headline's FragmentDelimiter). */
export const SNIPPET_FRAGMENT_DELIMITER = ' … ';

/** A letter or a digit: what makes text a word rather than punctuation or space. */
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * A snippet as a reader should see it: an ellipsis where its first passage starts after the
 * start of a block of the text (mid-sentence, as ts_headline cuts by words) and where its last
 * passage stops before the end of one. ts_headline also leaves off what is no word between a
 * passage and its block's start or end (the full stop, the closing quote, the 。 of a sentence
 * that ends the block; an opening quote): that is given back rather than read as a cut.
 * `searchText` is the searchable text the snippet was cut from (blocks one per line, as
 * `searchableText` joins them); both are in its stored form. A passage found nowhere in the
 * text (never expected) gets the ellipsis, the safe side.
 */
export function withEllipses(snippet: string, searchText: string): string {
  const passage = snippet.trim();
  if (passage === '') return passage;
  const plain = passage.split(SNIPPET_MARK_START).join('').split(SNIPPET_MARK_END).join('');
  const fragments = plain.split(SNIPPET_FRAGMENT_DELIMITER);
  const first = fragments[0];
  const last = fragments[fragments.length - 1];
  const start = searchText.indexOf(first);
  const end = searchText.lastIndexOf(last);
  // The block's text before the passage and after it; null when the passage is not in the text.
  const before = start < 0 ? null : searchText.slice(searchText.lastIndexOf('\n', start - 1) + 1, start);
  const blockEnd = end < 0 ? -1 : searchText.indexOf('\n', end + last.length);
  const after = end < 0 ? null : searchText.slice(end + last.length, blockEnd < 0 ? searchText.length : blockEnd);
  const opening = before !== null && !WORDLIKE.test(before) ? before.trimStart() : null;
  const closing = after !== null && !WORDLIKE.test(after) ? after.trimEnd() : null;
  return `${opening ?? '… '}${passage}${closing ?? ' …'}`;
}

/**
 * Text as search stores it: private marks dropped, angle brackets replaced by their stand-ins,
 * the words of scripts written without spaces separated by WORD_BREAK.
 */
export function toSearchText(text: string): string {
  return separateWords(text.replace(PRIVATE_MARKS, '').replace(/</g, ANGLE_OPEN).replace(/>/g, ANGLE_CLOSE), WORD_BREAK);
}

/** Back to the reader's text: the stand-ins become angle brackets again, word breaks go (highlight marks stay). */
export function fromSearchText(text: string): string {
  return text.split(ANGLE_OPEN).join('<').split(ANGLE_CLOSE).join('>').split(WORD_BREAK).join('');
}

/** A reader's search as the documents are cut: the words of scripts written without spaces separated as toSearchText separates them. */
export function toSearchQuery(text: string): string {
  return separateWords(text, WORD_BREAK);
}

/** A run of letters, their marks and digits: a word of any script written with spaces. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** The longest word folded: longer runs are no word a reader types. */
const FOLDED_WORD_MAX = 100;
/** A word with nothing to fold: most of an English story's, passed over without transliterating. */
const ASCII_ONLY = /^[\x00-\x7F]*$/;

/** A word as a reader may type it without its accents, as slugs transliterate (Gdańsk → gdansk, Łódź → lodz, Straße → strasse); empty when nothing is left. */
function folded(word: string): string {
  return slugOf(word, FOLDED_WORD_MAX).replace(/-/g, '');
}

/**
 * The words of `texts` that read differently without their accents, folded, each once, one a
 * line: "Gdańsk Street" gives "gdansk". Search indexes them at the lowest weight and never
 * shows them, so a reader who types without accents (on a phone, in a hurry) still finds the
 * story; words with nothing to fold, and scripts slugs keep as written, add nothing.
 */
export function searchableWithoutAccents(texts: readonly string[]): string {
  const words = new Set<string>();
  for (const text of texts) {
    for (const [word] of text.matchAll(WORD)) {
      if (ASCII_ONLY.test(word)) continue;
      const plain = folded(word);
      if (plain !== '' && plain !== word.toLowerCase()) words.add(plain);
    }
  }
  return [...words].join('\n');
}

/** A reader's search with every word folded as searchableWithoutAccents folds them, its operators ("…", or, -) left as typed. */
export function toFoldedSearchQuery(text: string): string {
  return text.replace(WORD, (word) => (ASCII_ONLY.test(word) ? word : folded(word) || word));
}

/**
 * The words of `texts` a reader's search `query` finds only without accents: words written with
 * them ("Gdańsk", "Gdańska") whose folded form is a word of the query folded ("gdansk"), each
 * once, as the text writes them. PostgreSQL marks what the reader typed; these are the words it
 * found through `search_folded` and cannot mark, so the search asks it to mark them by name. A
 * word as the reader typed it, which PostgreSQL marks itself, and one the query excludes
 * ("-gdansk") are none.
 */
export function wordsFoundWithoutAccents(query: string, texts: readonly string[]): string[] {
  const wanted = new Set<string>();
  const typed = new Set<string>();
  for (const match of query.matchAll(WORD)) {
    const excluded = match.index > 0 && query[match.index - 1] === '-' && (match.index === 1 || /\s|"/u.test(query[match.index - 2]));
    if (excluded) continue;
    wanted.add(folded(match[0]));
    typed.add(match[0].toLowerCase());
  }
  wanted.delete('');
  const found = new Set<string>();
  if (wanted.size === 0) return [];
  for (const text of texts) {
    for (const [word] of text.matchAll(WORD)) {
      if (ASCII_ONLY.test(word) || found.has(word) || typed.has(word.toLowerCase())) continue;
      const plain = folded(word);
      if (plain !== word.toLowerCase() && wanted.has(plain)) found.add(word);
    }
  }
  return [...found];
}

/** What searchableWithoutAccents reads of an article: the headline, the searchable text and the byline names. */
export function articleWithoutAccents(content: ArticleContent): string {
  return searchColumns(content).folded;
}

/** An article's search columns (`search_headline`, `search_text`, `search_bylines`, `search_folded`), as the trigger reads them. */
export interface SearchColumns {
  headline: string;
  text: string;
  bylines: string;
  folded: string;
}

/** The search columns of an article, each text read once: the repository stores them with every live revision, migrations fill them. */
export function searchColumns(content: ArticleContent): SearchColumns {
  const parts = textParts(content);
  const names = content.bylines.map((byline) => byline.name);
  return {
    headline: toSearchText(content.headline),
    text: toSearchText(parts.join('\n')),
    bylines: toSearchText(names.join('\n')),
    folded: searchableWithoutAccents([content.headline, ...parts, ...names]),
  };
}

/**
 * What search reads of an article besides its headline (which it weighs more) and its
 * bylines (searchableBylines): the standfirst, then the body's words in order (paragraphs,
 * subheadings, quotes with their attribution, list items, image captions and credits, teasers),
 * one block a line, as `toSearchText` stores it. Inline markup is reduced to its text; URLs are
 * left out. Snippets are cut from it, so it holds only what reads as the story's text.
 */
export function searchableText(content: ArticleContent): string {
  return toSearchText(textParts(content).join('\n'));
}

/** The texts searchableText reads, as plain text, in order, the blank ones left out. */
function textParts(content: ArticleContent): string[] {
  const parts: (string | undefined)[] = [content.standfirst];
  for (const block of content.body) {
    // The texts in inline markup (a paragraph's, a quote's words, a list's items), as plain text;
    // then the block's plain fields.
    parts.push(...inlineTextsOf(block).map(({ text }) => inlineToPlainText(text)));
    switch (block.type) {
      case 'paragraph':
      case 'list':
        break;
      case 'subheading':
        parts.push(block.text);
        break;
      case 'quote':
        parts.push(block.attribution);
        break;
      case 'image':
        parts.push(block.caption, block.credit);
        break;
      case 'embed':
        parts.push(block.title);
        break;
      case 'related':
        parts.push(block.headline, block.teaser);
        break;
    }
  }
  return parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '');
}

/**
 * The byline names as search stores them, one a line: a reader finds a story by who wrote it,
 * but a snippet shows the story's text, not names tacked on after its last paragraph.
 */
export function searchableBylines(content: ArticleContent): string {
  return searchColumns(content).bylines;
}
