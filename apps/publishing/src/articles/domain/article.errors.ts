import { DomainError, type CheckResult, type ValidationIssue } from '@newsroom/contracts';
import type { PublicationStatus } from './publication-status';

export const articleNotFound = (id: string) => new DomainError('ARTICLE.NOT_FOUND', `No published article with id ${id}`, 'not_found');

const NOT_LIVE: Record<Exclude<PublicationStatus, 'published'>, string> = {
  scheduled: 'is scheduled and not live yet',
  withdrawn: 'has been withdrawn',
  cancelled: 'was cancelled before it went live',
  killed: 'has been killed',
};

export const articleNotPublished = (id: string, status: PublicationStatus) =>
  new DomainError(
    'ARTICLE.NOT_PUBLISHED',
    `Article ${id} ${status === 'published' ? 'is not live' : NOT_LIVE[status]}; only a live article can be corrected or unpublished`,
    'conflict',
    { status },
  );

/** A killed article stays killed: no approval, correction or schedule brings any of it back. */
export const articleKilled = (id: string) =>
  new DomainError('ARTICLE.KILLED', `Article ${id} has been killed; nothing more can be done to it`, 'conflict', { status: 'killed' });

/** Rescheduling or cancelling needs a revision waiting for its time. */
export const nothingScheduled = (id: string) =>
  new DomainError('ARTICLE.NOTHING_SCHEDULED', `Article ${id} has no approved revision waiting for its time`, 'conflict');

/** The public answer for a killed article: gone, and nothing more. */
export const articleGone = () => new DomainError('ARTICLE.GONE', 'This article has been removed', 'gone');

/** The page of a withdrawn article, to a client that asks for JSON (browsers get the notice page). */
export const articleWithdrawn = () => new DomainError('ARTICLE.WITHDRAWN', 'This article has been withdrawn', 'gone');

export const invalidCorrection = (issues: ValidationIssue[]) =>
  new DomainError(
    'ARTICLE.INVALID_CORRECTION',
    `The corrected article would not be valid: ${issues.map((issue) => issue.message).join('; ')}`,
    'validation',
    issues,
  );

/**
 * The live text changed (a newer revision went live, another correction) since the version
 * the editor corrected from: applying their changes would undo what came since.
 */
export const articleVersionConflict = (id: string, expected: number, current: number) =>
  new DomainError(
    'ARTICLE.VERSION_CONFLICT',
    `Article ${id} changed since version ${expected}; it is now at version ${current}. Reload it and make the correction again`,
    'precondition_failed',
    { currentVersion: current },
  );

/** `changes` that leave every field of the live text as it is: no text was corrected. */
export const nothingCorrected = (id: string) =>
  new DomainError(
    'ARTICLE.NOTHING_CORRECTED',
    `The changes leave article ${id} as it is live; change at least one field, or send the note alone (without changes) for a note-only correction`,
    'validation',
  );

/**
 * The article would go live failing an automated check that blocks approval (an unsafe link,
 * a quote without attribution…): the same refusal, for the same reasons, as editorial
 * review's REVIEW.BLOCKING_CHECKS. `what` says which text: a correction (it goes live without
 * a second editor) or an approved revision (review refuses to approve such a text, so the
 * approval is forged or broken). `details` are the failing checks, their paths pointing into
 * that text.
 */
export const blockingChecksFailed = (what: 'corrected' | 'approved', errors: CheckResult[]) =>
  new DomainError(
    'ARTICLE.BLOCKING_CHECKS',
    `The ${what} article cannot go live while ${errors.length} check(s) fail: ${errors.map((e) => e.message).join('; ')}`,
    'conflict',
    errors,
  );

/**
 * An approval naming the article's author as the approving editor. Editorial review never
 * emits one, so it is forged or broken; publishing it would bypass the newsroom's one rule
 * that someone other than the writer signs a story off.
 */
export const selfApproval = (id: string, editorId: string) =>
  new DomainError('ARTICLE.SELF_APPROVAL', `The approval of article ${id} names its author (${editorId}) as the approving editor`, 'forbidden', {
    editorId,
  });

/**
 * An approval of a revision that is not newer than one already accepted (live or waiting).
 * One article's review events arrive in order and the inbox absorbs redeliveries, so such an
 * approval is a replay under a new id or a forgery, never a decision to act on.
 */
export const staleRevision = (id: string, revision: number, latestRevision: number) =>
  new DomainError(
    'ARTICLE.STALE_REVISION',
    `Revision ${revision} of article ${id} is not newer than revision ${latestRevision}, which was already approved`,
    'conflict',
    { revision, latestRevision },
  );

/** Nothing of this article is waiting to go live, or its time has not come. */
export const nothingDue = (id: string) =>
  new DomainError('ARTICLE.NOTHING_DUE', `Article ${id} has no approved revision due to go live`, 'conflict');
