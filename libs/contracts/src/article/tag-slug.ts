import slugify from 'slugify';
import { ARTICLE_LIMITS } from './article-limits';

/**
 * A tag as a person types it ("River Harle", "Gdańsk", "Київ", "東京", "कोलकाता") as the slug
 * articles and alert preferences carry ("river-harle", "gdansk", "kiyiv", "東京", "कोलकाता"):
 * what slugify can transliterate (Latin, Cyrillic, Greek, Arabic…) as a-z, a script it cannot
 * (Chinese, Japanese, Korean, Devanagari, Bengali, Thai, Hebrew…) kept as written, in Unicode
 * form NFKC (full-width "ＡＢＣ" is "abc") and lower case; words joined by single hyphens, at
 * most ARTICLE_LIMITS.tags.maxLength UTF-16 units, cut at a word boundary (a single longer word
 * is cut). An empty string when nothing is left (symbols, emoji): callers keep such an entry as
 * typed, so validation names it rather than dropping it unseen.
 *
 * The desk turns the reporter's tags with it before saving, and notifications the tags a reader
 * types on the signup and preference forms, so both sides of an alert spell a tag alike; a tag
 * is valid exactly when it is its own slug (isTagSlug).
 */
export function tagSlug(text: string, maxLength: number = ARTICLE_LIMITS.tags.maxLength): string {
  return wordsWithin(slugify(text.normalize('NFKC').replace(/[<>]/g, ' '), { lower: true, remove: NOT_KEPT_IN_TAGS, trim: true, locale: 'en' }), maxLength);
}

/** What a tag drops after transliteration: anything but letters, their marks, digits, spaces and hyphens. */
const NOT_KEPT_IN_TAGS = /[^\p{L}\p{M}\p{N}\s-]/gu;

/**
 * The one rule for a tag, wherever one arrives (an article, a reader's preferences, a tag page's
 * address): a string that tagSlug leaves as it is, within ARTICLE_LIMITS.tags.maxLength. Every
 * slug of the older a-z rule (SLUG_PATTERN) is one; "café", "Tokyo" or "東京 " are not (their
 * slugs are "cafe", "tokyo", "東京"), so a tag has one spelling and follows one list.
 */
export function isTagSlug(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= ARTICLE_LIMITS.tags.maxLength && tagSlug(value) === value;
}

/**
 * Any text as a URL-safe slug: transliterated (slugify's charmap, Cyrillic included), lower case,
 * words joined by single hyphens, at most `maxLength` characters cut at a word boundary (a single
 * longer word is cut). Angle brackets are read as spaces: slugify would spell them out ("less").
 * An empty string when nothing is left. Article addresses (publishing's slugFromHeadline) and tags
 * are both made with it.
 */
export function slugOf(text: string, maxLength: number): string {
  return wordsWithin(slugify(text.replace(/[<>]/g, ' '), { lower: true, strict: true, trim: true, locale: 'en' }), maxLength);
}

/** slugify's output as words joined by single hyphens, at most `maxLength` long (see slugOf). */
function wordsWithin(slugified: string, maxLength: number): string {
  const words = slugified.split('-').filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, maxLength);
}

/**
 * A comma-separated list of tags as typed (one field on a form) as slugs, in the order given,
 * each once. An entry that makes no slug, or one whose slug would have to be cut to fit
 * ARTICLE_LIMITS.tags.maxLength, is kept as typed (trimmed), for validation to refuse with its
 * reason: a tag cut short without a word would follow, or file under, a tag nobody chose.
 */
export function tagSlugsOf(list: string): string[] {
  const entries = list
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return [...new Set(entries.map((entry) => wholeTagSlug(entry) || entry))];
}

/** The entry's slug when it fits whole; an empty string when it makes none or would be cut. */
function wholeTagSlug(entry: string): string {
  const whole = tagSlug(entry, Number.MAX_SAFE_INTEGER);
  return whole.length <= ARTICLE_LIMITS.tags.maxLength ? whole : '';
}
