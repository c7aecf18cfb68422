import { DomainError } from '@newsroom/contracts';
import { SEARCH_TEXT_MAX_LENGTH } from '../../articles/use-cases/search-articles/search-articles.command';

/** The highest `?page=` any list answers; past it, nobody is reading. */
export const MAX_PAGE = 10_000;

/**
 * The `page` query parameter of a list page: absent means 1; otherwise a whole number from 1
 * to MAX_PAGE written plainly ("2", not "02" or "2.0"), so each page has one address.
 *
 * @throws REQUEST.INVALID_PAGE (400) for anything else, repeated parameters included.
 */
export function pageNumber(raw: unknown): number {
  if (raw === undefined) return 1;
  if (typeof raw === 'string' && /^[1-9][0-9]{0,4}$/.test(raw) && Number(raw) <= MAX_PAGE) return Number(raw);
  throw new DomainError('REQUEST.INVALID_PAGE', `page must be a whole number from 1 to ${MAX_PAGE}`, 'validation', { page: raw });
}

/**
 * The reader's search words: absent or blank means no search yet. Words over the search's
 * limit (a pasted link can carry more than the box's maxlength lets anyone type) are refused
 * here, in the page's own terms, before the query would name its internal field.
 */
export function searchText(raw: unknown): string {
  if (raw === undefined) return '';
  if (typeof raw !== 'string') throw new DomainError('REQUEST.INVALID_SEARCH', 'q must be given once, as text', 'validation');
  const text = raw.trim();
  // Characters as the API's MaxLength counts them (an emoji is one), not UTF-16 units.
  const length = [...text].length;
  if (length > SEARCH_TEXT_MAX_LENGTH) {
    throw new DomainError('REQUEST.INVALID_SEARCH', `Search for at most ${SEARCH_TEXT_MAX_LENGTH} characters; this search has ${length}`, 'validation');
  }
  return text;
}
