import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { summarizeChecks } from '../domain/editorial-checks';
import { Review, type ReviewState } from '../domain/review';
import { reviewNotFound } from '../domain/review.errors';
import type { ReviewStatus } from '../domain/review-status';
import { ReviewCommentEntity } from './review-comment.entity';
import { ReviewDecisionEntity } from './review-decision.entity';
import { ReviewItemEntity } from './review-item.entity';
import { ReviewSubmissionEntity } from './review-submission.entity';

/** A decision as the use cases state it; the id and the absent terms are filled in. */
export type DecisionInput = Pick<ReviewDecisionEntity, 'articleId' | 'revision' | 'editorId' | 'kind' | 'decidedAt'> &
  Partial<Pick<ReviewDecisionEntity, 'note' | 'publishAt' | 'embargoUntil' | 'priority'>>;

/** Loads and stores review items with their submissions, comments and decisions. */
@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Reads a review and locks its row (SELECT … FOR UPDATE) until the
   * transaction ends, so two editors acting at once are serialised and the
   * second sees the first one's outcome.
   */
  async lock(manager: EntityManager, articleId: string): Promise<Review | null> {
    const row = await manager.findOne(ReviewItemEntity, { where: { articleId }, lock: { mode: 'pessimistic_write' } });
    return row ? new Review(toState(row)) : null;
  }

  async lockExisting(manager: EntityManager, articleId: string): Promise<Review> {
    const review = await this.lock(manager, articleId);
    if (!review) throw reviewNotFound(articleId);
    return review;
  }

  /** Stores a new review together with its first submission. */
  async insert(manager: EntityManager, review: Review, submission: ReviewSubmissionEntity): Promise<void> {
    await manager.insert(ReviewItemEntity, {
      ...review.state,
      firstSubmittedAt: review.state.submittedAt,
      ...currentRevisionColumns(submission),
    });
    await manager.insert(ReviewSubmissionEntity, submission as never);
  }

  /** Makes `submission` the revision under review. */
  async addSubmission(manager: EntityManager, review: Review, submission: ReviewSubmissionEntity): Promise<void> {
    await manager.insert(ReviewSubmissionEntity, submission as never);
    await manager.update(ReviewItemEntity, { articleId: review.state.articleId }, { ...stateColumns(review), ...currentRevisionColumns(submission) });
  }

  async update(manager: EntityManager, review: Review): Promise<void> {
    await manager.update(ReviewItemEntity, { articleId: review.state.articleId }, stateColumns(review));
  }

  submission(manager: EntityManager, articleId: string, revision: number): Promise<ReviewSubmissionEntity | null> {
    return manager.findOneBy(ReviewSubmissionEntity, { articleId, revision });
  }

  async insertComment(manager: EntityManager, comment: ReviewCommentEntity): Promise<void> {
    await manager.insert(ReviewCommentEntity, comment);
  }

  /** Records an editor's decision; only an approval carries publishing terms. */
  async insertDecision(manager: EntityManager, decision: DecisionInput): Promise<void> {
    await manager.insert(ReviewDecisionEntity, {
      id: randomUUID(),
      note: null,
      publishAt: null,
      embargoUntil: null,
      priority: null,
      ...decision,
    });
  }

  findItem(articleId: string): Promise<ReviewItemEntity | null> {
    return this.dataSource.getRepository(ReviewItemEntity).findOneBy({ articleId });
  }

  /** The queue: oldest submission first. */
  list(filter: { status?: ReviewStatus; limit: number; offset: number }): Promise<[ReviewItemEntity[], number]> {
    return this.dataSource.getRepository(ReviewItemEntity).findAndCount({
      where: filter.status ? { status: filter.status } : {},
      order: { submittedAt: 'ASC', articleId: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  submissions(articleId: string): Promise<ReviewSubmissionEntity[]> {
    return this.dataSource.getRepository(ReviewSubmissionEntity).find({ where: { articleId }, order: { revision: 'ASC' } });
  }

  comments(articleId: string): Promise<ReviewCommentEntity[]> {
    return this.dataSource.getRepository(ReviewCommentEntity).find({ where: { articleId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  decisions(articleId: string): Promise<ReviewDecisionEntity[]> {
    return this.dataSource.getRepository(ReviewDecisionEntity).find({ where: { articleId }, order: { decidedAt: 'ASC', id: 'ASC' } });
  }
}

function stateColumns(review: Review): Omit<ReviewState, 'articleId' | 'authorId'> {
  const { articleId: _id, authorId: _author, ...columns } = review.state;
  return columns;
}

function currentRevisionColumns(submission: ReviewSubmissionEntity) {
  const summary = summarizeChecks(submission.checks);
  return {
    headline: submission.article.headline,
    section: submission.article.section,
    checkErrors: summary.errors,
    checkWarnings: summary.warnings,
  };
}

function toState(row: ReviewItemEntity): ReviewState {
  return {
    articleId: row.articleId,
    authorId: row.authorId,
    status: row.status,
    assigneeId: row.assigneeId,
    currentRevision: row.currentRevision,
    reviewedRevision: row.reviewedRevision,
    submittedAt: row.submittedAt,
    claimedAt: row.claimedAt,
    decidedAt: row.decidedAt,
  };
}
