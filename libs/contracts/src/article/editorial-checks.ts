import { truncateText } from '../text/truncate';
import { hasVisibleText } from '../text/visible-text';
import type { ArticleBlock } from './article-blocks';
import type { ArticleContent } from './article-content';
import { ARTICLE_LIMITS } from './article-limits';
import { isHttpUrl } from './http-url';
import { findInlineLinks, inlineTextsOf } from './inline-markup';

/*
 * The automated editorial checks: the one home of the rules a story must meet to be submitted
 * and approved. Editorial-review runs them on every submitted revision and again at approval,
 * drafting serves them for a draft (GET /v1/drafts/:id/checks), and the desk runs them in the
 * browser as the reporter types. This module imports no decorators or validation library, so
 * the browser bundle takes it through the `@newsroom/contracts/editorial-checks` subpath.
 */

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
  headlineMissing: 'HEADLINE_MISSING',
  standfirstMissing: 'STANDFIRST_MISSING',
  headlineTooLong: 'HEADLINE_TOO_LONG',
  datelineMissing: 'DATELINE_MISSING',
  datelinePlaceBlank: 'DATELINE_PLACE_BLANK',
  bylineNameBlank: 'BYLINE_NAME_BLANK',
  bodyEmpty: 'BODY_EMPTY',
  quoteWithoutAttribution: 'QUOTE_WITHOUT_ATTRIBUTION',
  emptySubheadingSection: 'EMPTY_SUBHEADING_SECTION',
  imageAltMissing: 'IMAGE_ALT_MISSING',
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
 * What the checks read of an article: a validated `ArticleContent`, or the text a reporter is
 * still writing (the desk checks it before it could be saved), where the headline or the body
 * may still be empty and an optional field may be `null`.
 */
export type CheckedArticle = Pick<ArticleContent, 'headline' | 'section' | 'body'> & {
  standfirst?: string | null;
  dateline?: { place: string; date: string } | null;
  bylines?: readonly { name: string }[] | null;
};

/**
 * The automated editorial checks run on every submitted revision. Errors block
 * approval (and, in the desk, submission); warnings are shown to the editor and left
 * to their judgement. Results come in article order: top-level fields first, then the body.
 *
 * HEADLINE_MISSING, BODY_EMPTY and IMAGE_ALT_MISSING restate what the article format
 * (ArticleContent, ARTICLE_LIMITS) already requires of every saved draft and every event, so
 * they never fire on a stored article; they are here for text still being written, which may
 * be incomplete while a submission may not.
 */
export function runEditorialChecks(article: CheckedArticle, context: CheckContext = {}): CheckResult[] {
  return [
    ...checkHeadline(article),
    ...checkStandfirst(article),
    ...checkDateline(article),
    ...checkSection(article, context.sections),
    ...checkBylines(article),
    ...checkBodyLength(article.body),
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

function checkHeadline(article: CheckedArticle): CheckResult[] {
  if (isShorterThan(article.headline, ARTICLE_LIMITS.headline.minLength)) {
    return [{ code: CHECK_CODES.headlineMissing, severity: 'error', message: 'The article has no headline', path: 'headline' }];
  }
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

function checkStandfirst(article: CheckedArticle): CheckResult[] {
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

/**
 * The article format takes any dateline place and byline name that is not empty once trimmed,
 * so that stories saved or sent before a rule changed stay readable everywhere. One made only of
 * invisible characters (a zero-width space, a direction mark) passes that and prints as nothing:
 * "<place>, November 21 –" with no place, a byline with no name. They stop approval here instead.
 */
function checkDateline(article: CheckedArticle): CheckResult[] {
  if (article.dateline && isBlank(article.dateline.place)) {
    return [
      {
        code: CHECK_CODES.datelinePlaceBlank,
        severity: 'error',
        message: 'The dateline shows no place (only spaces or invisible characters); give the place or remove the dateline',
        path: 'dateline.place',
      },
    ];
  }
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

/** Each byline must show a name (see checkDateline for why the article format lets a blank one through). */
function checkBylines(article: CheckedArticle): CheckResult[] {
  return (article.bylines ?? []).flatMap((byline, index) =>
    isBlank(byline.name)
      ? [
          {
            code: CHECK_CODES.bylineNameBlank,
            severity: 'error' as const,
            message: `Byline ${index + 1} shows no name (only spaces or invisible characters)`,
            path: `bylines.${index}.name`,
          },
        ]
      : [],
  );
}

/**
 * A section outside the managed list is usually a typo ("politcs") or a desk that does not
 * exist yet: the story would have a page of its own but no place in the navigation. A warning:
 * the editor may mean it, and publishing shows such a section all the same.
 */
function checkSection(article: CheckedArticle, sections: readonly string[] | undefined): CheckResult[] {
  if (!sections || sections.length === 0 || sections.includes(article.section)) return [];
  return [
    {
      code: CHECK_CODES.sectionUnknown,
      severity: 'warning',
      // A new story in the desk has none until its reporter chooses one (it cannot be saved so).
      message:
        article.section.trim() === ''
          ? `No section is chosen yet: choose one of the site's (${sections.join(', ')}); it decides where the story appears and who is alerted`
          : `The section "${article.section}" is not in the site's section list (${sections.join(', ')}); the story would not be reachable from the navigation`,
      path: 'section',
    },
  ];
}

function checkBodyLength(body: readonly ArticleBlock[]): CheckResult[] {
  if (body.length >= ARTICLE_LIMITS.body.minItems) return [];
  return [{ code: CHECK_CODES.bodyEmpty, severity: 'error', message: 'The article has no text yet', path: 'body' }];
}

/**
 * The UNSAFE_LINK results of `body` alone: what publishing checks again of every approval (the
 * rest of the checks are review's judgement), without running the others on its hot path.
 */
export function unsafeLinkChecks(body: readonly ArticleBlock[]): CheckResult[] {
  return body.flatMap((block, index) => checkLinks(block, index));
}

function checkBlock(body: readonly ArticleBlock[], block: ArticleBlock, index: number): CheckResult[] {
  switch (block.type) {
    case 'paragraph':
    case 'list':
      return checkLinks(block, index);
    case 'quote':
      return [...checkAttribution(block.attribution, index), ...checkLinks(block, index)];
    case 'subheading':
      return checkSubheading(body, block.text, index);
    case 'image':
      return checkAlt(block.alt, index);
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

/** Readers who cannot see the picture get its alt text instead; the desk asks for it at upload. */
function checkAlt(alt: string | undefined, index: number): CheckResult[] {
  if (!isShorterThan(alt, ARTICLE_LIMITS.blocks.image.alt.minLength)) return [];
  return [
    {
      code: CHECK_CODES.imageAltMissing,
      severity: 'error',
      message: `The image in block ${index + 1} has no alt text (what it shows, for readers who cannot see it)`,
      path: `body.${index}.alt`,
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
/** Every link in the block's marked-up texts (a paragraph's, a quote's, each list item) must be http(s). */
function checkLinks(block: ArticleBlock, index: number): CheckResult[] {
  return inlineTextsOf(block).flatMap(({ path, text }) =>
    findInlineLinks(text)
      .filter((href) => !isHttpUrl(href))
      .map((href) => ({
        code: CHECK_CODES.unsafeLink,
        severity: 'error' as const,
        message: `A link in block ${index + 1} points to "${preview(href)}"; links must be absolute http:// or https:// addresses`,
        path: `body.${index}.${path}`,
      })),
  );
}

/** Empty to a reader: nothing, only whitespace, or only invisible characters. */
function isBlank(value: string | undefined | null): boolean {
  return !hasVisibleText(value);
}

/** Shorter than a minimum length once trimmed, as the article format trims before it measures. */
function isShorterThan(value: string | undefined | null, minLength: number): boolean {
  return (value ?? '').trim().length < minLength;
}

function preview(href: string): string {
  return truncateText(href, HREF_PREVIEW_LENGTH);
}
