import { DomainError, type CheckResult } from '@newsroom/contracts';
import type { ReviewStatus } from './review-status';

const readable = (status: ReviewStatus) => status.replace('_', ' ');

export const reviewNotFound = (articleId: string) =>
  new DomainError('REVIEW.NOT_FOUND', `No article ${articleId} has been submitted for review`, 'not_found');

export const invalidTransition = (action: string, status: ReviewStatus) =>
  new DomainError('REVIEW.INVALID_TRANSITION', `Cannot ${action}: the review is ${readable(status)}`, 'conflict', { status });

/** Publishing killed the story (a legal removal): nothing more is claimed, noted or decided in its review. */
export const storyKilled = (articleId: string) =>
  new DomainError('REVIEW.ARTICLE_KILLED', `The story ${articleId} was killed (a legal removal): nothing more can be done in its review`, 'conflict');

export const alreadyClaimed = (assigneeId: string) =>
  new DomainError('REVIEW.ALREADY_CLAIMED', `Another editor (${assigneeId}) is already reviewing this article`, 'conflict', { assigneeId });

export const notAssigned = (assigneeId: string | null) =>
  new DomainError(
    'REVIEW.NOT_ASSIGNED',
    'Only the editor who claimed this article (or an admin) can decide on it',
    'forbidden',
    { assigneeId },
  );

export const selfApproval = () =>
  new DomainError('ARTICLE.SELF_APPROVAL', 'You wrote this article, so you cannot approve it', 'forbidden');

export const selfReview = () =>
  new DomainError('ARTICLE.SELF_REVIEW', 'You wrote this article, so another editor has to review it', 'forbidden');

export const reviewClosed = (status: ReviewStatus) =>
  new DomainError('REVIEW.CLOSED', `The review is ${readable(status)}; nothing more can be added to it`, 'conflict', { status });

export const blockNotFound = (blockIndex: number, blocks: number) =>
  new DomainError('REVIEW.BLOCK_NOT_FOUND', `The revision under review has ${blocks} block(s); there is no block ${blockIndex} to comment on`, 'validation', { blockIndex, blocks });

export const blockingChecks = (errors: CheckResult[]) =>
  new DomainError(
    'REVIEW.BLOCKING_CHECKS',
    `The article cannot be approved while ${errors.length} check(s) fail: ${errors.map((e) => e.message).join('; ')}`,
    'conflict',
    errors,
  );

/** Drafting sent a new revision of an article whose review is already decided. */
export const submissionAfterDecision = (articleId: string, revision: number, status: ReviewStatus) =>
  new DomainError(
    'REVIEW.ALREADY_DECIDED',
    `Revision ${revision} of article ${articleId} was submitted, but its review is already ${readable(status)}`,
    'conflict',
    { status, revision },
  );

export const notTheAuthor = () => new DomainError('REVIEW.NOT_THE_AUTHOR', 'Only the reporter who wrote this story can recall it', 'forbidden');

/** The recall names a submission the review does not hold (yet): retryable, as the newer one is usually on its way. */
export const submissionNotCurrent = (named: { revision: number; submittedAt: Date }, held: { revision: number; submittedAt: Date }) =>
  new DomainError(
    'REVIEW.SUBMISSION_NOT_CURRENT',
    `The review queue holds revision ${held.revision} as submitted at ${held.submittedAt.toISOString()}, not the submission named (revision ${named.revision} at ${named.submittedAt.toISOString()}): it may not have arrived yet; ask again in a moment`,
    'conflict',
    { revision: held.revision, submittedAt: held.submittedAt.toISOString() },
  );

export const recallTooLate = (assigneeId: string | null) =>
  new DomainError(
    'REVIEW.RECALL_TOO_LATE',
    'An editor is already reviewing this story: ask them to send it back to you (request changes)',
    'conflict',
    { assigneeId },
  );
