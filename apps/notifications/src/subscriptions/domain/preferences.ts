import { DomainError, isTagSlug, SLUG_PATTERN, type Priority } from '@newsroom/contracts';
import { canonicalTimeZone, checkedQuietHours, DEFAULT_TIME_ZONE, type QuietHours } from './quiet-hours';
import { invalidPreferences, noInterests, unknownSections } from './subscription.errors';

/**
 * How often a recipient hears from us: an alert for `every-story` they follow, alerts for
 * `breaking-only` stories among those (or every breaking story when they follow nothing),
 * or one `daily-digest` e-mail listing the day's stories (e-mail only; no alert per story).
 */
export const FREQUENCIES = ['every-story', 'daily-digest', 'breaking-only'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Recipients of this kind take these frequencies: a browser notification cannot be a digest. */
export const CHANNEL_FREQUENCIES: Record<'email' | 'push', readonly Frequency[]> = {
  email: FREQUENCIES,
  push: ['every-story', 'breaking-only'],
};

/**
 * What a recipient wants alerts about, how often, and when not. Sections and tags are
 * slugs, as in articles. Each channel's subscription (an e-mail address, a browser) has its own.
 */
export interface Preferences {
  sections: string[];
  tags: string[];
  frequency: Frequency;
  /**
   * `frequency === 'breaking-only'`, kept as its own field because the API spoke of it
   * before frequencies existed and the stored column (`breaking_only`) is what the
   * fan-out's SQL matches on. normalizePreferences() keeps the two in step.
   */
  breakingOnly: boolean;
  /** IANA zone the quiet hours and the digest hour are read in; UTC when the recipient never said. */
  timeZone: string;
  /** No alerts for non-breaking stories in this span of the recipient's day (they wait until it ends). */
  quietHours: QuietHours | null;
}

export const PREFERENCE_LIMITS = { maxSections: 50, maxTags: 50, maxLength: 40 } as const;

export interface PreferencesInput {
  sections?: readonly string[];
  tags?: readonly string[];
  frequency?: string;
  /** The older spelling of `frequency: 'breaking-only'`, still accepted. */
  breakingOnly?: boolean;
  timeZone?: string | null;
  quietHours?: { start?: unknown; end?: unknown } | null;
}

/**
 * Lower-cases, trims, de-duplicates and sorts, then checks the rule that makes a
 * subscription meaningful: at least one section or tag, unless breaking-only (which
 * alone means "every breaking story"). Sections must be among `siteSections`, the
 * site's managed list (SITE_SECTIONS): a typo such as "politcs" would otherwise be
 * a subscription that never alerts. Tags are open (any slug): newsrooms coin them daily.
 *
 * The frequency is `frequency` when given, else `breaking-only` for `breakingOnly: true`
 * (the older field), else `every-story`; both given must agree. A `channel` takes only its
 * CHANNEL_FREQUENCIES. `timeZone` is an IANA name (`defaultTimeZone`, the site's, when absent);
 * `quietHours` HH:MM to HH:MM.
 *
 * Errors: SUBSCRIBER.INVALID_PREFERENCES (not slugs, too many, an unknown or conflicting
 * frequency, malformed quiet hours), SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.UNKNOWN_TIME_ZONE,
 * SUBSCRIBER.NO_INTERESTS.
 */
export function normalizePreferences(
  input: PreferencesInput,
  siteSections: readonly string[],
  channel: 'email' | 'push' = 'email',
  defaultTimeZone: string = DEFAULT_TIME_ZONE,
): Preferences {
  // The first refusal is thrown as it is met.
  return readPreferences(input, siteSections, channel, defaultTimeZone, (refusal) => {
    throw refusal;
  }) as Preferences;
}

/**
 * Every refusal normalizePreferences would give `input`, rather than the first: each preference
 * checked on its own (sections, tags, frequency, time zone, quiet hours), then, when those it
 * needs passed, the rule that there is something to follow. For the form pages, which ask a
 * reader to fix everything at once; the API answers with the first refusal. Empty when
 * normalizePreferences accepts `input`.
 */
export function preferenceRefusals(input: PreferencesInput, siteSections: readonly string[], channel: 'email' | 'push' = 'email'): DomainError[] {
  const refusals: DomainError[] = [];
  readPreferences(input, siteSections, channel, DEFAULT_TIME_ZONE, (refusal) => refusals.push(refusal));
  return refusals;
}

/**
 * The one list of preference checks, in the order the API reports them: each refusal is handed
 * to `refused` (which may throw it) and its preference left out; the preferences when none was
 * refused, else undefined.
 */
function readPreferences(
  input: PreferencesInput,
  siteSections: readonly string[],
  channel: 'email' | 'push',
  defaultTimeZone: string,
  refused: (refusal: DomainError) => void,
): Preferences | undefined {
  let accepted = true;
  const checked = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      accepted = false;
      refused(error);
      return undefined;
    }
  };
  const sections = checked(() => sectionsOf(input, siteSections));
  const tags = checked(() => normalizeList(input.tags ?? [], 'tags', PREFERENCE_LIMITS.maxTags));
  const frequency = checked(() => frequencyOf(input, channel));
  if (sections && tags && frequency) checked(() => requireInterests(sections, tags, frequency));
  const timeZone = isBlank(input.timeZone) ? defaultTimeZone : checked(() => canonicalTimeZone(input.timeZone as string));
  const quietHours = input.quietHours ? checked(() => checkedQuietHours(input.quietHours as { start?: unknown; end?: unknown })) : null;
  if (!accepted || !sections || !tags || !frequency || timeZone === undefined || quietHours === undefined) return undefined;
  return { sections, tags, frequency, breakingOnly: frequency === 'breaking-only', timeZone, quietHours };
}

const isBlank = (zone: string | null | undefined): zone is '' | null | undefined => zone === undefined || zone === null || zone === '';

/** The sections normalised, each among the site's. */
function sectionsOf(input: PreferencesInput, siteSections: readonly string[]): string[] {
  const sections = normalizeList(input.sections ?? [], 'sections', PREFERENCE_LIMITS.maxSections);
  const unknown = sections.filter((section) => !siteSections.includes(section));
  if (unknown.length > 0) throw unknownSections(unknown, siteSections);
  return sections;
}

/** Something to follow: a section or a tag, unless breaking-only (which alone means every breaking story). */
function requireInterests(sections: readonly string[], tags: readonly string[], frequency: Frequency): void {
  if (sections.length === 0 && tags.length === 0 && frequency !== 'breaking-only') throw noInterests();
}

function frequencyOf(input: PreferencesInput, channel: 'email' | 'push'): Frequency {
  const allowed = CHANNEL_FREQUENCIES[channel];
  if (input.frequency === undefined) return input.breakingOnly === true ? 'breaking-only' : 'every-story';
  const frequency = allowed.find((known) => known === input.frequency);
  if (!frequency) {
    const what = channel === 'push' && input.frequency === 'daily-digest' ? 'a daily digest comes by e-mail only; ' : '';
    throw invalidPreferences(`${what}frequency must be one of: ${allowed.join(', ')}`, 'frequency');
  }
  if (input.breakingOnly !== undefined && input.breakingOnly !== (frequency === 'breaking-only')) {
    throw invalidPreferences(`breakingOnly: ${String(input.breakingOnly)} contradicts frequency "${frequency}"; send frequency alone`, 'frequency');
  }
  return frequency;
}

function normalizeList(values: readonly string[], field: 'sections' | 'tags', max: number): string[] {
  const cleaned = [...new Set(values.map((value) => String(value).trim().toLowerCase()).filter((value) => value !== ''))].sort();
  if (cleaned.length > max) throw invalidPreferences(`${field} may list at most ${max} entries`, field);
  // A tag by the articles' own rule (isTagSlug: `東京` too), so a reader can follow any tag a story can carry.
  const valid = field === 'tags' ? isTagSlug : (value: string) => SLUG_PATTERN.test(value);
  const bad = cleaned.filter((value) => value.length > PREFERENCE_LIMITS.maxLength || !valid(value));
  if (bad.length > 0) {
    const rule = field === 'tags' ? 'lowercase words joined by single hyphens, as a story\'s tags are' : 'lowercase letters, digits, single hyphens';
    throw invalidPreferences(
      `${field} must be slugs such as "politics" or "climate-change" (${rule}, at most ${PREFERENCE_LIMITS.maxLength} characters): ${bad.slice(0, 5).map((b) => JSON.stringify(b)).join(', ')}`,
      field,
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
 * Whether a subscriber with `prefs` gets an alert of its own for `article`: not a
 * daily-digest reader (their stories wait for the digest), and followsStory(). This is
 * the reference: the fan-out selects recipients with the same rule in SQL
 * (alerts/persistence/recipient-selection.ts), and recipient-selection.int-spec.ts runs
 * one table of cases through both.
 */
export function matchesArticle(prefs: Preferences, article: AlertableArticle): boolean {
  return prefs.frequency !== 'daily-digest' && followsStory(prefs, article);
}

/**
 * Whether `article` is one `prefs` asked for: they follow its section or one of its tags;
 * breaking-only subscribers only breaking news, and a breaking-only subscriber who follows
 * nothing in particular every breaking story. A digest lists the stories this holds for.
 */
export function followsStory(prefs: Pick<Preferences, 'sections' | 'tags' | 'breakingOnly'>, article: AlertableArticle): boolean {
  const breaking = article.priority === 'breaking';
  if (prefs.breakingOnly && !breaking) return false;
  const followsNothing = prefs.sections.length === 0 && prefs.tags.length === 0;
  if (prefs.breakingOnly && followsNothing) return true;
  const section = article.section.toLowerCase();
  const tags = new Set(article.tags.map((tag) => tag.toLowerCase()));
  return prefs.sections.includes(section) || prefs.tags.some((tag) => tags.has(tag));
}

/** "a, b and c" / "a, b or c", as English lists read. */
const AND = new Intl.ListFormat('en', { type: 'conjunction' });
const OR = new Intl.ListFormat('en', { type: 'disjunction' });

/**
 * What a recipient gets, in words for pages and e-mails: "every story in Climate and Politics,
 * and stories tagged budget or harbour", "breaking news only", a daily digest and quiet hours (as they act on it).
 * `sectionLabel` gives a section's name as readers know it (SiteSectionList.labelOf), `tagName`
 * a tag's (the words stories typed it as, TagNameRepository); without them the slug is shown.
 */
export function describePreferences(prefs: Preferences, sectionLabel: (slug: string) => string = (slug) => slug, tagName: (tag: string) => string = (tag) => tag): string {
  const followed = [
    ...(prefs.sections.length > 0 ? [`in ${AND.format(prefs.sections.map(sectionLabel))}`] : []),
    ...(prefs.tags.length > 0 ? [`tagged ${OR.format(prefs.tags.map(tagName))}`] : []),
  ];
  const what = prefs.breakingOnly
    ? followed.length > 0
      ? `breaking news only, in stories ${followed.join(' or ')}`
      : 'all breaking news'
    : prefs.frequency === 'daily-digest'
      ? `stories ${followed.join(' and stories ')}`
      : `every story ${followed.join(', and every story ')}`;
  const how = prefs.frequency === 'daily-digest' ? ', in one daily digest' : '';
  return `${what}${how}${quietHoursIn(prefs)}`;
}

/**
 * The quiet hours as they act on what the recipient gets (holdUntil): they hold back alerts of
 * stories that are not breaking, so under breaking-only nothing waits for them, and a daily
 * digest sends no alert per story for them to hold; they are kept for a change of frequency.
 */
function quietHoursIn(prefs: Preferences): string {
  if (!prefs.quietHours) return '';
  const span = `${prefs.quietHours.start}–${prefs.quietHours.end} (${prefs.timeZone})`;
  if (prefs.frequency === 'daily-digest') return `; quiet hours ${span} only for alerts one at a time, which a digest does not send`;
  if (prefs.breakingOnly) return `; breaking news is sent at once, also in quiet hours ${span}`;
  return `; quiet hours ${span}, except breaking news`;
}
