import { findInlineLinks, isHttpUrl, truncateText, type ArticleBlock, type ArticleContent } from '@newsroom/contracts';

/**
 * Headlines longer than this are cut off in search results, social cards and
 * front-page teasers; the style guide keeps them shorter. A warning, not a block:
 * some stories need the words.
 */
export const HEADLINE_RECOMMENDED_MAX_LENGTH = 110;

/** Links are quoted in messages; a pasted blob should not swamp them. */
const HREF_PREVIEW_LENGTH = 80;

export const CHECK_SEVERITIES = ['error', 'warning'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

export const CHECK_CODES = {
  standfirstMissing: 'STANDFIRST_MISSING',
  headlineTooLong: 'HEADLINE_TOO_LONG',
  datelineMissing: 'DATELINE_MISSING',
  quoteWithoutAttribution: 'QUOTE_WITHOUT_ATTRIBUTION',
  emptySubheadingSection: 'EMPTY_SUBHEADING_SECTION',
  unsafeLink: 'UNSAFE_LINK',
  sectionUnknown: 'SECTION_UNKNOWN',
} as const;
export type CheckCode = (typeof CHECK_CODES)[keyof typeof CHECK_CODES];

/** One finding of the automated checks. `path` points into the article like validation issues do. */
export interface CheckResult {
  code: CheckCode;
  severity: CheckSeverity;
  message: string;
  path: string;
}

export interface CheckSummary {
  errors: number;
  warnings: number;
}

/** What the checks know about the site beyond the article itself. */
export interface CheckContext {
  /**
   * The site's managed section list (slugs, from SITE_SECTIONS). An article filed under any
   * other section is flagged; without a list, sections are not checked.
   */
  sections?: readonly string[];
}

/**
 * The automated editorial checks run on every submitted revision. Errors block
 * approval; warnings are shown to the editor and left to their judgement.
 * Results come in article order: top-level fields first, then the body.
 */
export function runEditorialChecks(article: ArticleContent, context: CheckContext = {}): CheckResult[] {
  return [
    ...checkHeadline(article),
    ...checkStandfirst(article),
    ...checkDateline(article),
    ...checkSection(article, context.sections),
    ...article.body.flatMap((block, index) => checkBlock(article.body, block, index)),
  ];
}

export function blockingErrors(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((result) => result.severity === 'error');
}

export function summarizeChecks(results: readonly CheckResult[]): CheckSummary {
  const errors = blockingErrors(results).length;
  return { errors, warnings: results.length - errors };
}

function checkHeadline(article: ArticleContent): CheckResult[] {
  const length = article.headline.length;
  if (length <= HEADLINE_RECOMMENDED_MAX_LENGTH) return [];
  return [
    {
      code: CHECK_CODES.headlineTooLong,
      severity: 'warning',
      message: `The headline is ${length} characters long; keep it to ${HEADLINE_RECOMMENDED_MAX_LENGTH} or fewer so it is not cut off in search results and teasers`,
      path: 'headline',
    },
  ];
}

function checkStandfirst(article: ArticleContent): CheckResult[] {
  if (isBlank(article.standfirst)) {
    return [
      {
        code: CHECK_CODES.standfirstMissing,
        severity: 'error',
        message: 'The article has no standfirst (the one- or two-sentence summary under the headline)',
        path: 'standfirst',
      },
    ];
  }
  return [];
}

function checkDateline(article: ArticleContent): CheckResult[] {
  if (article.dateline) return [];
  return [
    {
      code: CHECK_CODES.datelineMissing,
      severity: 'warning',
      message: 'The article has no dateline (where and when it was reported)',
      path: 'dateline',
    },
  ];
}

/**
 * A section outside the managed list is usually a typo ("politcs") or a desk that does not
 * exist yet: the story would have a page of its own but no place in the navigation. A warning:
 * the editor may mean it, and publishing shows such a section all the same.
 */
function checkSection(article: ArticleContent, sections: readonly string[] | undefined): CheckResult[] {
  if (!sections || sections.length === 0 || sections.includes(article.section)) return [];
  return [
    {
      code: CHECK_CODES.sectionUnknown,
      severity: 'warning',
      message: `The section "${article.section}" is not in the site's section list (${sections.join(', ')}); the story would not be reachable from the navigation`,
      path: 'section',
    },
  ];
}

function checkBlock(body: readonly ArticleBlock[], block: ArticleBlock, index: number): CheckResult[] {
  switch (block.type) {
    case 'paragraph':
      return checkLinks(block.text, index);
    case 'quote':
      return [...checkAttribution(block.attribution, index), ...checkLinks(block.text, index)];
    case 'subheading':
      return checkSubheading(body, block.text, index);
    case 'image':
    case 'embed':
    case 'related':
      // Their URLs are checked to be http(s) by the article format itself.
      return [];
  }
}

function checkAttribution(attribution: string | undefined, index: number): CheckResult[] {
  if (!isBlank(attribution)) return [];
  return [
    {
      code: CHECK_CODES.quoteWithoutAttribution,
      severity: 'error',
      message: `The quote in block ${index + 1} does not say who said it`,
      path: `body.${index}.attribution`,
    },
  ];
}

/**
 * A subheading introduces a section; one without words, or with nothing under
 * it before the next subheading or the end of the article, reads as a mistake.
 */
function checkSubheading(body: readonly ArticleBlock[], text: string, index: number): CheckResult[] {
  const next = body[index + 1];
  const emptyText = isBlank(text);
  const emptySection = next === undefined || next.type === 'subheading';
  if (!emptyText && !emptySection) return [];
  const problem = emptyText
    ? emptySection
      ? 'has no text and no content under it'
      : 'has no text'
    : next === undefined
      ? 'ends the article with nothing under it'
      : 'is followed directly by another subheading';
  const label = emptyText ? `The subheading in block ${index + 1}` : `The subheading "${text}" (block ${index + 1})`;
  return [
    {
      code: CHECK_CODES.emptySubheadingSection,
      severity: 'warning',
      message: `${label} ${problem}`,
      path: emptyText ? `body.${index}.text` : `body.${index}`,
    },
  ];
}

/**
 * The article format keeps any link target a reporter typed; only http(s)
 * targets may be published, so everything else is stopped here.
 */
function checkLinks(text: string, index: number): CheckResult[] {
  return findInlineLinks(text)
    .filter((href) => !isHttpUrl(href))
    .map((href) => ({
      code: CHECK_CODES.unsafeLink,
      severity: 'error' as const,
      message: `A link in block ${index + 1} points to "${preview(href)}"; links must be absolute http:// or https:// addresses`,
      path: `body.${index}.text`,
    }));
}

function isBlank(value: string | undefined | null): boolean {
  return value === undefined || value === null || value.trim() === '';
}

function preview(href: string): string {
  return truncateText(href, HREF_PREVIEW_LENGTH);
}
