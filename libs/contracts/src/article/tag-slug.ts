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
 * Why `entry`, typed as a tag, cannot be one, in words that follow the entry ("has no letters
 * or digits"); undefined when it can: its slug (tagSlug) is a tag whole, as tagsAsTyped files
 * it. Such an entry is kept as typed and refused, so the writer is told rather than losing it
 * (the desk's "Filed under" line and the services' refusals say the same).
 */
export function tagEntryProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'string') return 'is not text';
  const whole = tagSlug(entry, Number.MAX_SAFE_INTEGER);
  if (whole === '') return 'has no letters or digits';
  if (whole.length > ARTICLE_LIMITS.tags.maxLength) return `is longer than a tag can be (at most ${ARTICLE_LIMITS.tags.maxLength} characters)`;
  return undefined;
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
  return tagsAsTyped(list).tags;
}

/** A story's tags with the words each was typed as, where those say more than the slug: ArticleContent's `tags` and `tagLabels`. */
export interface TypedTags {
  tags: string[];
  tagLabels: Record<string, string>;
}

/**
 * A comma-separated list of tags as typed, as tagSlugsOf reads it, with a label for each tag
 * whose typed form is not its slug ("Gdańsk Street" for `gdansk-street`, "Київ" for `kiyiv`):
 * the first spelling of a tag, trimmed, inner spaces made single. A tag typed as its slug
 * ("ports") and an entry validation will refuse get none.
 */
export function tagsAsTyped(list: string): TypedTags {
  const tags: string[] = [];
  const tagLabels: Record<string, string> = {};
  for (const typed of list.split(/[,\n]/)) {
    const entry = typed.trim().replace(/\s+/gu, ' ');
    if (entry === '') continue;
    const slug = wholeTagSlug(entry);
    const tag = slug || entry;
    if (tags.includes(tag)) continue;
    tags.push(tag);
    if (slug && entry !== slug && isTagLabelOf(entry, slug)) tagLabels[slug] = entry;
  }
  return { tags, tagLabels };
}

/**
 * True when `label` is words tag `tag` could have been typed as: its slug is the tag, and it
 * fits ARTICLE_LIMITS.tags.labelMaxLength with no surrounding or doubled spaces and no line
 * breaks. So a label can spell a tag differently ("Gdańsk Street", "GDANSK street") but never
 * name another one.
 */
export function isTagLabelOf(label: unknown, tag: string): label is string {
  return (
    typeof label === 'string' &&
    label !== '' &&
    label.length <= ARTICLE_LIMITS.tags.labelMaxLength &&
    label === label.trim() &&
    !/\s{2}|[\n\r\t\u2028\u2029]/u.test(label) &&
    tagSlug(label, Number.MAX_SAFE_INTEGER) === tag
  );
}

/**
 * What is wrong with `labels` as the tagLabels of an article tagged `tags`, in words; undefined
 * when nothing is. Labels are an object from tag to words, each tag one of the article's.
 */
export function tagLabelsProblem(labels: unknown, tags: unknown): string | undefined {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return 'tagLabels must be an object from each tag to the words it was typed as';
  const tagList = Array.isArray(tags) ? tags : [];
  for (const [tag, label] of Object.entries(labels)) {
    if (!tagList.includes(tag)) return `tagLabels has a label for "${tag}", which is not one of the article's tags`;
    if (!isTagLabelOf(label, tag))
      return `tagLabels.${tag} must be the words "${tag}" was typed as: text whose tag is "${tag}", at most ${ARTICLE_LIMITS.tags.labelMaxLength} characters, on one line`;
  }
  return undefined;
}

/**
 * `labels` without the labels of tags not in `tags`, or undefined when none is left: what an
 * edit that changes an article's tags without saying their labels keeps, so a label never
 * outlives its tag.
 */
export function labelsOfTags(labels: Readonly<Record<string, string>> | undefined, tags: readonly string[]): Record<string, string> | undefined {
  if (!labels) return undefined;
  const kept = Object.entries(labels).filter(([tag]) => tags.includes(tag));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** The words to show for `tag`: its label when it has one, else undefined (callers fall back to the slug's own words). */
export function labelOfTag(tag: string, labels: Readonly<Record<string, string>> | undefined): string | undefined {
  return labels && Object.prototype.hasOwnProperty.call(labels, tag) ? labels[tag] : undefined;
}

/** A tag as it was written: its label when it has one, else the tag itself (the desk's fields, the alert pages' words). */
export function tagAsWritten(tag: string, labels: Readonly<Record<string, string>> | undefined): string {
  return labelOfTag(tag, labels) ?? tag;
}

/** The entry's slug when it fits whole; an empty string when it makes none or would be cut. */
function wholeTagSlug(entry: string): string {
  const whole = tagSlug(entry, Number.MAX_SAFE_INTEGER);
  return whole.length <= ARTICLE_LIMITS.tags.maxLength ? whole : '';
}
