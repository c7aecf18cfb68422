import type { ArticleBlock } from './article-blocks';
import { inlineToPlainText } from './inline-markup';

/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese):
 * their runs are split into words by Unicode's word boundaries instead.
 */
const WRITTEN_WITHOUT_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** A token is a word when it holds a letter or a digit: a dash, an ampersand or a bullet standing alone is not. */
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const segmenters = new Map<string, Intl.Segmenter>();

/** A word segmenter for `language` (BCP 47), or the default locale's when the tag is not one Intl takes. */
function segmenterFor(language: string | undefined): Intl.Segmenter {
  const key = language ?? '';
  let segmenter = segmenters.get(key);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(language || undefined, { granularity: 'word' });
    } catch {
      // A tag still being typed in the desk ("en-"), say.
      segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    segmenters.set(key, segmenter);
  }
  return segmenter;
}

/**
 * The words in `text` (plain text), counted as word processors count them, since reporters file
 * to a length given in words and check it there: what stands between spaces is one word if it
 * holds a letter or a digit ("20-year-old", "e-mail", "£2.50" and "doesn't" are one each; a lone
 * "—" is none). Text in a script written without spaces (Chinese, Japanese, Thai…) is counted by
 * its words as Unicode's word boundaries find them (UAX #29, `Intl.Segmenter` in `language`),
 * where counting spaces would make a whole sentence one word.
 */
export function wordCount(text: string, language?: string): number {
  let count = 0;
  for (const token of text.split(/\s+/u)) {
    if (!HAS_LETTER_OR_DIGIT.test(token)) continue;
    if (!WRITTEN_WITHOUT_SPACES.test(token)) {
      count += 1;
      continue;
    }
    for (const segment of segmenterFor(language).segment(token)) if (segment.isWordLike) count += 1;
  }
  return count;
}

/**
 * A run of text in scripts written without spaces, with the marks and the signs those scripts
 * share (Script_Extensions takes in the long-vowel mark ー and the comma 、, which are Common);
 * it starts with a letter of one, so a Latin letter's combining accent is never one.
 */
const UNSPACED_RUN = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}][\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{M}]*/gu;

/**
 * `text` with `separator` put between the words of every run in a script written without spaces
 * (Chinese, Japanese, Thai…), found by Unicode's word boundaries as wordCount finds them, and
 * between such a run and a letter or digit it touches ("東京2020"); other text is left as it
 * is. For a search index that finds words between spaces and punctuation, to which
 * "東京で新しい夜行バス" would otherwise be one word. Always the default locale's segmenter, so that
 * an article and a reader's query (whose language is not known) are cut alike.
 */
export function separateWords(text: string, separator: string): string {
  const segmenter = segmenterFor(undefined);
  return text.replace(UNSPACED_RUN, (run: string, offset: number) => {
    const words = Array.from(segmenter.segment(run), (segment) => segment.segment).join(separator);
    const before = offset > 0 && HAS_LETTER_OR_DIGIT.test(text[offset - 1]) ? separator : '';
    const after = HAS_LETTER_OR_DIGIT.test(text[offset + run.length] ?? '') ? separator : '';
    return `${before}${words}${after}`;
  });
}

/** The texts a reader reads in a block, as plain text: captions, embeds and links to related stories are not the story's words. */
function blockWords(block: ArticleBlock): string[] {
  switch (block.type) {
    case 'paragraph':
      return [inlineToPlainText(block.text)];
    case 'subheading':
      return [block.text];
    case 'quote':
      return [inlineToPlainText(block.text), block.attribution ?? ''];
    case 'list':
      return block.items.map(inlineToPlainText);
    case 'image':
    case 'embed':
    case 'related':
      return [];
  }
}

/**
 * The length of a story as desks measure it: the words of its body (paragraphs, subheadings,
 * quotes with who said them, list items; inline markup read as the words it shows), without the
 * headline, the standfirst, captions or embeds. `language` is the story's (BCP 47). See wordCount.
 */
export function bodyWordCount(body: readonly ArticleBlock[], language?: string): number {
  return body.reduce((sum, block) => sum + blockWords(block).reduce((words, text) => words + wordCount(text, language), 0), 0);
}
