import { Matches } from 'class-validator';

/** One of the site's managed sections: its slug (as articles carry it) and the name readers see. */
export interface SiteSection {
  slug: string;
  label: string;
}

/** `slug` or `slug=Label`, comma-separated: `politics=Політика,world,business`. */
export const SECTION_LIST_PATTERN = /^\s*[a-z0-9]+(?:-[a-z0-9]+)*(?:=[^,=]+)?\s*(?:,\s*[a-z0-9]+(?:-[a-z0-9]+)*(?:=[^,=]+)?\s*)*$/;

/**
 * SITE_SECTIONS when unset. It is each service's initial list only: publishing stores it as the
 * managed list on its first start, and every service follows publishing's list from then on.
 */
export const DEFAULT_SITE_SECTIONS = 'politics,world,business,climate,science,culture';

/** Class-validator rule for SITE_SECTIONS. */
export const IsSectionList = (): PropertyDecorator =>
  Matches(SECTION_LIST_PATTERN, { message: 'SITE_SECTIONS must be section slugs separated by commas, each optionally =Label (politics=Politics,world)' });

/**
 * Reads SITE_SECTIONS: each entry a section slug with an optional label; without one the slug
 * is shown humanized ("climate-change" → "Climate change"). A slug listed twice counts once.
 */
export function parseSectionList(value: string): SiteSection[] {
  const seen = new Set<string>();
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      const [slug, label] = entry.split('=').map((part) => part.trim());
      if (seen.has(slug)) return [];
      seen.add(slug);
      return [{ slug, label: label || humanizeSlug(slug) }];
    });
}

function humanizeSlug(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
