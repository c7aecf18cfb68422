import { SLUG_PATTERN, type Priority } from '@newsroom/contracts';
import { invalidPreferences, noInterests, unknownSections } from './subscription.errors';

/** What a subscriber wants alerts about. Sections and tags are slugs, as in articles. */
export interface Preferences {
  sections: string[];
  tags: string[];
  /** Only articles published with priority "breaking". */
  breakingOnly: boolean;
}

export const PREFERENCE_LIMITS = { maxSections: 50, maxTags: 50, maxLength: 40 } as const;

export interface PreferencesInput {
  sections?: readonly string[];
  tags?: readonly string[];
  breakingOnly?: boolean;
}

/**
 * Lower-cases, trims, de-duplicates and sorts, then checks the rule that makes a
 * subscription meaningful: at least one section or tag, unless breakingOnly (which
 * alone means "every breaking story"). Sections must be among `siteSections`, the
 * site's managed list (SITE_SECTIONS): a typo such as "politcs" would otherwise be
 * a subscription that never alerts. Tags are open (any slug): newsrooms coin them daily.
 *
 * Errors: SUBSCRIBER.INVALID_PREFERENCES (not slugs, too many), SUBSCRIBER.UNKNOWN_SECTION,
 * SUBSCRIBER.NO_INTERESTS.
 */
export function normalizePreferences(input: PreferencesInput, siteSections: readonly string[]): Preferences {
  const sections = normalizeList(input.sections ?? [], 'sections', PREFERENCE_LIMITS.maxSections);
  const tags = normalizeList(input.tags ?? [], 'tags', PREFERENCE_LIMITS.maxTags);
  const unknown = sections.filter((section) => !siteSections.includes(section));
  if (unknown.length > 0) throw unknownSections(unknown, siteSections);
  const breakingOnly = input.breakingOnly === true;
  if (sections.length === 0 && tags.length === 0 && !breakingOnly) throw noInterests();
  return { sections, tags, breakingOnly };
}

function normalizeList(values: readonly string[], field: 'sections' | 'tags', max: number): string[] {
  const cleaned = [...new Set(values.map((value) => String(value).trim().toLowerCase()).filter((value) => value !== ''))].sort();
  if (cleaned.length > max) throw invalidPreferences(`${field} may list at most ${max} entries`);
  const bad = cleaned.filter((value) => value.length > PREFERENCE_LIMITS.maxLength || !SLUG_PATTERN.test(value));
  if (bad.length > 0) {
    throw invalidPreferences(
      `${field} must be slugs such as "politics" or "climate-change" (lowercase letters, digits, single hyphens, at most ${PREFERENCE_LIMITS.maxLength} characters): ${bad.slice(0, 5).map((b) => JSON.stringify(b)).join(', ')}`,
    );
  }
  return cleaned;
}

export interface AlertableArticle {
  section: string;
  tags: readonly string[];
  priority: Priority;
}

/**
 * Whether a subscriber with `prefs` gets an alert for `article`: they follow its
 * section or one of its tags; breaking-only subscribers only for breaking news,
 * and a breaking-only subscriber who follows nothing in particular gets every
 * breaking story. This is the reference: the fan-out selects recipients with
 * the same rule in SQL (alerts/persistence/recipient-selection.ts), and
 * recipient-selection.int-spec.ts runs one table of cases through both.
 */
export function matchesArticle(prefs: Preferences, article: AlertableArticle): boolean {
  const breaking = article.priority === 'breaking';
  if (prefs.breakingOnly && !breaking) return false;
  const followsNothing = prefs.sections.length === 0 && prefs.tags.length === 0;
  if (prefs.breakingOnly && followsNothing) return true;
  const section = article.section.toLowerCase();
  const tags = new Set(article.tags.map((tag) => tag.toLowerCase()));
  return prefs.sections.includes(section) || prefs.tags.some((tag) => tags.has(tag));
}

export function describePreferences(prefs: Preferences): string {
  const followed = [
    ...(prefs.sections.length > 0 ? [`sections: ${prefs.sections.join(', ')}`] : []),
    ...(prefs.tags.length > 0 ? [`tags: ${prefs.tags.join(', ')}`] : []),
  ];
  if (prefs.breakingOnly) return followed.length > 0 ? `breaking news only, in ${followed.join('; ')}` : 'all breaking news';
  return followed.join('; ');
}
