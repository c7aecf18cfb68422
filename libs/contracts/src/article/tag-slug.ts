import slugify from 'slugify';
import { ARTICLE_LIMITS } from './article-limits';

/**
 * A tag as a person types it ("River Harle", "Gdańsk", "Київ") as the slug articles and alert
 * preferences carry ("river-harle", "gdansk", "kiyiv"): transliterated, lower case, words joined by
 * single hyphens (SLUG_PATTERN), at most ARTICLE_LIMITS.tags.maxLength characters, cut at a word
 * boundary (a single longer word is cut). An empty string when nothing is left (symbols only):
 * callers keep such an entry as typed, so validation names it rather than dropping it unseen.
 *
 * The desk turns the reporter's tags with it before saving, and notifications the tags a reader
 * types on the signup and preference forms, so both sides of an alert spell a tag alike.
 */
export function tagSlug(text: string, maxLength: number = ARTICLE_LIMITS.tags.maxLength): string {
  return slugOf(text, maxLength);
}

/**
 * Any text as a URL-safe slug: transliterated (slugify's charmap, Cyrillic included), lower case,
 * words joined by single hyphens, at most `maxLength` characters cut at a word boundary (a single
 * longer word is cut). Angle brackets are read as spaces: slugify would spell them out ("less").
 * An empty string when nothing is left. Article addresses (publishing's slugFromHeadline) and tags
 * are both made with it.
 */
export function slugOf(text: string, maxLength: number): string {
  const words = slugify(text.replace(/[<>]/g, ' '), { lower: true, strict: true, trim: true, locale: 'en' })
    .split('-')
    .filter(Boolean);
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
  const whole = slugOf(entry, Number.MAX_SAFE_INTEGER);
  return whole.length <= ARTICLE_LIMITS.tags.maxLength ? whole : '';
}
