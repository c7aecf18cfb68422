import { slugOf, tagSlug } from '@newsroom/contracts';

export const SLUG_MAX_LENGTH = 80;
const SUFFIX_LENGTH = 8;
const FALLBACK = 'article';

/**
 * A readable URL slug from a headline: lowercase ASCII words joined by hyphens, at most 80
 * characters, cut at a word boundary. Accented and Cyrillic letters are transliterated; a
 * headline with nothing left (only symbols, or a script slugify cannot transliterate) gets
 * "article", which the caller then disambiguates with the article id.
 */
export function slugFromHeadline(headline: string, maxLength = SLUG_MAX_LENGTH): string {
  return slugOf(headline, maxLength) || FALLBACK;
}

/**
 * The slugs to try, in order: the headline's slug, then the same with a short piece of the
 * article id (stable, so a retry picks the same one), then with the whole id, which no other
 * article can have.
 */
export function slugCandidates(headline: string, articleId: string): string[] {
  const id = articleId.toLowerCase().replace(/[^a-z0-9]/g, '');
  const short = id.slice(0, SUFFIX_LENGTH);
  return [
    slugFromHeadline(headline),
    `${slugFromHeadline(headline, SLUG_MAX_LENGTH - short.length - 1)}-${short}`,
    `${slugFromHeadline(headline, SLUG_MAX_LENGTH - id.length - 1)}-${id}`,
  ];
}

/** An author page's slug when a name leaves nothing (symbols only): such bylines share it. */
const AUTHOR_FALLBACK = 'author';

/**
 * The address of a byline's author page: their name by the tag rule (tagSlug), so "Olena
 * Kravets" is "olena-kravets", "Marta Søndergaard" "marta-sondergaard", and a name in a script
 * that cannot be transliterated is kept as written ("山田太郎", "王小明"): each person gets a
 * page of their own, where the headline rule would have sent them all to one fallback. At most
 * SLUG_MAX_LENGTH characters, cut at a word boundary. Two people with the same name share a
 * page, as they share a byline.
 */
export function authorSlug(name: string): string {
  return tagSlug(name, SLUG_MAX_LENGTH) || AUTHOR_FALLBACK;
}

/** Whether `value` can be an author page's slug: one authorSlug gives for some name (itself). */
export function isAuthorSlug(value: string): boolean {
  return value !== '' && value.length <= SLUG_MAX_LENGTH && authorSlug(value) === value;
}
