import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsInt, IsISO8601, IsObject, IsString, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { ARTICLE_LIMITS, SLUG_PATTERN } from '../../article/article-limits';
import { OneLine } from '../../article/field-rules';

/** How long the section list and its labels may be. */
export const SITE_SECTION_LIMITS = {
  /** A label is one navigation entry: short enough for a phone's menu. */
  label: { minLength: 1, maxLength: 60 },
  /** The navigation needs at least one section; more than 50 is no longer navigation. */
  minItems: 1,
  maxItems: 50,
} as const;

/**
 * The `subject` (and Kafka key) of every `news.site.sections-changed.v1`: one constant, so the
 * changes sit in one partition of the publishing topic and arrive in the order they were made.
 */
export const SITE_SECTIONS_SUBJECT = 'site:sections';

/** One entry of the site's section list: the slug articles carry and the name readers see. */
export class SiteSectionEntry {
  /** As an article's `section` (SLUG_PATTERN, at most ARTICLE_LIMITS.section.maxLength). */
  @IsString()
  @MaxLength(ARTICLE_LIMITS.section.maxLength)
  @Matches(SLUG_PATTERN, { message: '$property must be a slug: lowercase letters and digits in words joined by single hyphens' })
  @IsDefined({ message: '$property is required' })
  slug!: string;

  /** Plain text on one line (a line break becomes a space), trimmed, 1–60 characters; the newsroom's text rules (no control characters) apply. */
  @OneLine()
  @IsString()
  @Length(SITE_SECTION_LIMITS.label.minLength, SITE_SECTION_LIMITS.label.maxLength)
  @IsDefined({ message: '$property is required' })
  label!: string;
}

/**
 * The rules of a whole section list, wherever one is accepted (an admin's PUT, the event):
 * 1–50 entries, each a SiteSectionEntry, no slug twice. The order is the navigation's.
 */
export function IsSiteSectionList(): PropertyDecorator {
  const rules = [
    IsDefined({ message: '$property is required' }),
    IsArray(),
    ArrayMinSize(SITE_SECTION_LIMITS.minItems),
    ArrayMaxSize(SITE_SECTION_LIMITS.maxItems),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(() => SiteSectionEntry),
    ArrayUnique((entry: SiteSectionEntry | undefined) => entry?.slug, { message: '$property must not list a section slug twice' }),
  ];
  return (target, property) => {
    for (const rule of rules) rule(target, property);
  };
}

/**
 * Publishing's section list changed (`news.site.sections-changed.v1`): the whole ordered list
 * as it now stands, with its version. Recorded in publishing's outbox in the transaction that
 * stored the change, and once when publishing first seeded the list from SITE_SECTIONS.
 * Followers keep the list with the highest version they have seen: a replayed or redelivered
 * older event changes nothing. A section absent from the list is retired — its stories stay
 * where they are, it leaves the navigation and the choices offered to subscribers.
 */
export class SiteSectionsChangedData {
  /** Not about an article: the event's subject is this constant (see validateEvent). */
  static readonly subject = SITE_SECTIONS_SUBJECT;

  /** 1 for the seeded list, then one more per change. */
  @IsInt()
  @Min(1)
  version!: number;

  @IsSiteSectionList()
  sections!: SiteSectionEntry[];

  /** When the list changed. */
  @IsISO8601({ strict: true })
  changedAt!: string;
}
