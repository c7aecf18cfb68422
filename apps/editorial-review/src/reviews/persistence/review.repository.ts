import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { bodyWordCount, summarizeChecks } from '@newsroom/contracts';
import { outgoingTraceparent } from '@newsroom/messaging';
import { UnitOfWork } from '@newsroom/persistence';
import { Review, type ReviewState } from '../domain/review';
import type { Decision, ReviewComment, SubmittedRevision } from '../domain/review-decision';
import { reviewNotFound } from '../domain/review.errors';
import type { ReviewStatus } from '../domain/review-status';
import { ReviewCommentEntity } from './review-comment.entity';
import { ReviewDecisionEntity } from './review-decision.entity';
import { ReviewItemEntity } from './review-item.entity';
import { ReviewSubmissionEntity } from './review-submission.entity';

/** Which reviews a list holds, a page of them: every review, or those in `status`, and of `section` (the revision under review's). */
export interface ReviewListFilter {
  status?: ReviewStatus;
  section?: string;
  limit: number;
  offset: number;
}

/**
 * Loads and stores review items with their submissions, comments and
 * decisions, through the open unit of work. Writes and row locks must run
 * inside `UnitOfWork.run()` (they throw outside one); reads run anywhere.
 */
@Injectable()
export class ReviewRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /**
   * Reads a review and locks its row (SELECT … FOR UPDATE) until the unit of
   * work ends, so two editors acting at once are serialised and the second
   * sees the first one's outcome. Null when no such article was submitted.
   */
  async lock(articleId: string): Promise<Review | null> {
    const row = await this.inUnit('ReviewRepository.lock').findOne(ReviewItemEntity, { where: { articleId }, lock: { mode: 'pessimistic_write' } });
    return row ? Review.restore(row) : null;
  }

  /** Like `lock`, but a missing review is REVIEW.NOT_FOUND (404). */
  async lockExisting(articleId: string): Promise<Review> {
    const review = await this.lock(articleId);
    if (!review) throw reviewNotFound(articleId);
    return review;
  }

  /** Stores a new review together with its first submission. */
  async insert(review: Review, submission: ReviewSubmissionEntity): Promise<void> {
    const manager = this.inUnit('ReviewRepository.insert');
    const state = review.snapshot();
    await manager.insert(ReviewItemEntity, { ...state, firstSubmittedAt: state.submittedAt, ...currentRevisionColumns(submission), submissionTraceparent: outgoingTraceparent() });
    await manager.insert(ReviewSubmissionEntity, submission as never);
  }

  /** Stores `submission` and makes it the revision under review. */
  async addSubmission(review: Review, submission: ReviewSubmissionEntity): Promise<void> {
    const manager = this.inUnit('ReviewRepository.addSubmission');
    await manager.insert(ReviewSubmissionEntity, submission as never);
    await manager.update(
      ReviewItemEntity,
      { articleId: review.articleId },
      { ...stateColumns(review), ...currentRevisionColumns(submission), submissionTraceparent: outgoingTraceparent() },
    );
  }

  /** Stores the review's state after a claim or a decision. */
  async save(review: Review): Promise<void> {
    await this.inUnit('ReviewRepository.save').update(ReviewItemEntity, { articleId: review.articleId }, stateColumns(review));
  }

  submission(articleId: string, revision: number): Promise<ReviewSubmissionEntity | null> {
    return this.unitOfWork.manager.findOneBy(ReviewSubmissionEntity, { articleId, revision });
  }

  /** The text of a stored revision; its absence means the tables disagree, which no caller can fix. */
  async submittedRevision(articleId: string, revision: number): Promise<SubmittedRevision> {
    const submission = await this.submission(articleId, revision);
    if (!submission) throw new Error(`review ${articleId} has no stored submission for revision ${revision}`);
    return { revision, article: submission.article };
  }

  async insertComment(comment: ReviewComment): Promise<void> {
    await this.inUnit('ReviewRepository.insertComment').insert(ReviewCommentEntity, comment);
  }

  /** Appends a decision to the article's log; returns the id it was stored under. */
  async insertDecision(decision: Decision): Promise<string> {
    const id = randomUUID();
    await this.inUnit('ReviewRepository.insertDecision').insert(ReviewDecisionEntity, { id, ...decisionColumns(decision) });
    return id;
  }

  /** The trace context the current submission was stored in (see ReviewItemEntity); null when none was kept. */
  async submissionTrace(articleId: string): Promise<string | null> {
    const row = await this.unitOfWork.manager.findOne(ReviewItemEntity, { select: { submissionTraceparent: true }, where: { articleId } });
    return row?.submissionTraceparent ?? null;
  }

  findItem(articleId: string): Promise<ReviewItemEntity | null> {
    return this.unitOfWork.manager.findOneBy(ReviewItemEntity, { articleId });
  }

  /** The queue: oldest submission first (article id breaks ties, so pages never overlap). */
  list(filter: ReviewListFilter): Promise<[ReviewItemEntity[], number]> {
    return this.unitOfWork.manager.findAndCount(ReviewItemEntity, {
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.section ? { section: filter.section } : {}) },
      order: { submittedAt: 'ASC', articleId: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  submissions(articleId: string): Promise<ReviewSubmissionEntity[]> {
    return this.unitOfWork.manager.find(ReviewSubmissionEntity, { where: { articleId }, order: { revision: 'ASC' } });
  }

  comments(articleId: string): Promise<ReviewCommentEntity[]> {
    return this.unitOfWork.manager.find(ReviewCommentEntity, { where: { articleId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  decisions(articleId: string): Promise<ReviewDecisionEntity[]> {
    return this.unitOfWork.manager.find(ReviewDecisionEntity, { where: { articleId }, order: { decidedAt: 'ASC', id: 'ASC' } });
  }

  private inUnit(what: string): EntityManager {
    return this.unitOfWork.requireActive(what);
  }
}

/** The columns a claim, a decision or a resubmission may change; who wrote which article never does. */
function stateColumns(review: Review): Omit<ReviewState, 'articleId' | 'authorId'> {
  const { articleId: _id, authorId: _author, ...columns } = review.snapshot();
  return columns;
}

/** The current revision's headline, section, check counts and length, denormalised for the queue. */
function currentRevisionColumns(submission: ReviewSubmissionEntity) {
  const summary = summarizeChecks(submission.checks);
  return {
    headline: submission.article.headline,
    section: submission.article.section,
    checkErrors: summary.errors,
    checkWarnings: summary.warnings,
    wordCount: bodyWordCount(submission.article.body, submission.article.language),
  };
}

/** One row per decision: a change request keeps its note, a rejection its reason, an approval its terms. */
function decisionColumns(decision: Decision): Omit<ReviewDecisionEntity, 'id'> {
  const { articleId, revision, editorId, kind, decidedAt } = decision;
  const none = { note: null, publishAt: null, embargoUntil: null, priority: null };
  switch (decision.kind) {
    case 'changes_requested':
      return { articleId, revision, editorId, kind, decidedAt, ...none, note: decision.note };
    case 'rejected':
      return { articleId, revision, editorId, kind, decidedAt, ...none, note: decision.reason };
    case 'approved':
      return { articleId, revision, editorId, kind, decidedAt, ...none, ...decision.terms };
  }
}
