import { randomUUID } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { CommandInput, NewsroomEvent, Priority } from '@newsroom/contracts';
import { EDITORIAL_REVIEW_ENTITIES } from '../src/app.module';
import { EDITORIAL_REVIEW_MIGRATIONS } from '../src/migrations';
import type { ReviewStatus } from '../src/reviews/domain/review-status';
import { REVIEW_USE_CASES } from '../src/reviews/reviews.module';
import { ApproveArticleCommand } from '../src/reviews/use-cases/approve-article/approve-article.command';
import { ApproveArticleUseCase } from '../src/reviews/use-cases/approve-article/approve-article.use-case';
import { ClaimReviewCommand } from '../src/reviews/use-cases/claim-review/claim-review.command';
import { ClaimReviewUseCase } from '../src/reviews/use-cases/claim-review/claim-review.use-case';
import { CommentOnReviewCommand } from '../src/reviews/use-cases/comment-on-review/comment-on-review.command';
import { RecallSubmissionCommand } from '../src/reviews/use-cases/recall-submission/recall-submission.command';
import { RecallSubmissionUseCase } from '../src/reviews/use-cases/recall-submission/recall-submission.use-case';
import { ReceiveSubmissionCommand } from '../src/reviews/use-cases/receive-submission/receive-submission.command';
import { ReceiveSubmissionUseCase, type SubmissionResult } from '../src/reviews/use-cases/receive-submission/receive-submission.use-case';
import { RejectArticleCommand } from '../src/reviews/use-cases/reject-article/reject-article.command';
import { RecordKillUseCase } from '../src/reviews/use-cases/record-kill/record-kill.use-case';
import { RejectArticleUseCase } from '../src/reviews/use-cases/reject-article/reject-article.use-case';
import { RequestChangesCommand } from '../src/reviews/use-cases/request-changes/request-changes.command';
import { RequestChangesUseCase } from '../src/reviews/use-cases/request-changes/request-changes.use-case';
import { article } from './article.fixtures';

/** The reporter who wrote every fixture article. */
export const AUTHOR = 'alice';

/** Someone acting on a review, as the commands name them. */
export interface Acting {
  editorId: string;
  isAdmin: boolean;
}

/** The editor who claims fixture articles. */
export const bob: Acting = { editorId: 'bob', isAdmin: false };
/** Another editor: may comment, may not decide on bob's article. */
export const carol: Acting = { editorId: 'carol', isAdmin: false };
/** An admin: may decide on any claimed article. */
export const root: Acting = { editorId: 'root', isAdmin: true };
/** The author holding the editor role, and holding the admin role: neither may review their own article. */
export const authorAsEditor: Acting = { editorId: AUTHOR, isAdmin: false };
export const authorAsAdmin: Acting = { editorId: AUTHOR, isAdmin: true };

/** What `UseCaseTestbed.start` needs to run editorial review's use cases against a database of their own. */
export function reviewTestbed(name: string) {
  return {
    name: `editorial_review_${name}`,
    schema: 'editorial_review',
    entities: EDITORIAL_REVIEW_ENTITIES,
    migrations: EDITORIAL_REVIEW_MIGRATIONS,
    providers: REVIEW_USE_CASES,
  };
}

/** What the fixtures need of a use-case testbed (the harness's UseCaseTestbed fits). */
export interface ReviewTestbed {
  get<T>(type: Type<T>): T;
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  recordedEvents(articleId?: string): Promise<NewsroomEvent[]>;
}

/** A submission of revision 1 of a new article by AUTHOR (clean, so approvable) unless `input` says otherwise. */
export function submissionOf(input: Partial<CommandInput<ReceiveSubmissionCommand>> = {}): ReceiveSubmissionCommand {
  return ReceiveSubmissionCommand.create({
    articleId: randomUUID(),
    revision: 1,
    authorId: AUTHOR,
    submittedAt: new Date(),
    article: article(),
    eventId: randomUUID(),
    ...input,
  });
}

export function claimBy(acting: Acting, articleId: string, takeOver = false): ClaimReviewCommand {
  return ClaimReviewCommand.create({ articleId, ...acting, takeOver });
}

export function commentBy(acting: Acting, articleId: string, body = 'Who is the port spokesperson?'): CommentOnReviewCommand {
  return CommentOnReviewCommand.create({ articleId, editorId: acting.editorId, body });
}

export function changeRequestBy(acting: Acting, articleId: string, note = 'Attribute the quote; fix the link.'): RequestChangesCommand {
  return RequestChangesCommand.create({ articleId, ...acting, note });
}

export function rejectionBy(acting: Acting, articleId: string, reason = 'We covered this yesterday.'): RejectArticleCommand {
  return RejectArticleCommand.create({ articleId, ...acting, reason });
}

/** An approval with normal priority and no schedule unless `terms` say otherwise. */
export function approvalBy(
  acting: Acting,
  articleId: string,
  terms: { publishAt?: Date; embargoUntil?: Date; priority?: Priority } = {},
): ApproveArticleCommand {
  return ApproveArticleCommand.create({ articleId, ...acting, priority: 'normal', ...terms });
}

/**
 * Puts articles into a review state by running the real use cases, so a spec
 * starts from rows (and outbox events) the service itself would have written,
 * and reads back what the use cases stored.
 */
export class ReviewFixtures {
  constructor(private readonly testbed: ReviewTestbed) {}

  submit(input: Partial<CommandInput<ReceiveSubmissionCommand>> = {}): Promise<SubmissionResult> {
    return this.testbed.get(ReceiveSubmissionUseCase).execute(submissionOf(input));
  }

  /**
   * A new article brought to `status`: submitted as `input` says, claimed by
   * bob, then decided by bob where the status is a decision; or, `recalled`, taken back by its
   * author before anyone claimed it. Returns its id.
   */
  async inStatus(status: ReviewStatus, input: Partial<CommandInput<ReceiveSubmissionCommand>> = {}): Promise<string> {
    const articleId = input.articleId ?? randomUUID();
    await this.submit({ ...input, articleId });
    if (status === 'pending') return articleId;
    if (status === 'recalled') {
      await this.testbed.get(RecallSubmissionUseCase).execute(RecallSubmissionCommand.create({ articleId, reporterId: input.authorId ?? AUTHOR, readsReviews: false }));
      return articleId;
    }
    await this.testbed.get(ClaimReviewUseCase).execute(claimBy(bob, articleId));
    switch (status) {
      case 'in_review':
        break;
      case 'changes_requested':
        await this.testbed.get(RequestChangesUseCase).execute(changeRequestBy(bob, articleId));
        break;
      case 'approved':
        await this.testbed.get(ApproveArticleUseCase).execute(approvalBy(bob, articleId));
        break;
      case 'rejected':
        await this.testbed.get(RejectArticleUseCase).execute(rejectionBy(bob, articleId));
        break;
      case 'killed':
        // Publishing killed it while bob had it.
        await this.testbed.get(RecordKillUseCase).execute(articleId);
        break;
    }
    return articleId;
  }

  /** The article's review_items row (snake_case columns), or undefined. */
  async item(articleId: string): Promise<Record<string, unknown> | undefined> {
    return (await this.testbed.query('SELECT * FROM review_items WHERE article_id = $1', [articleId]))[0];
  }

  submissions(articleId: string): Promise<Record<string, unknown>[]> {
    return this.testbed.query('SELECT * FROM review_submissions WHERE article_id = $1 ORDER BY revision', [articleId]);
  }

  comments(articleId: string): Promise<Record<string, unknown>[]> {
    return this.testbed.query('SELECT * FROM review_comments WHERE article_id = $1 ORDER BY created_at, id', [articleId]);
  }

  decisions(articleId: string): Promise<Record<string, unknown>[]> {
    return this.testbed.query('SELECT * FROM review_decisions WHERE article_id = $1 ORDER BY decided_at, id', [articleId]);
  }

  /** The types of the events recorded about the article, oldest first. */
  async eventTypes(articleId: string): Promise<string[]> {
    return (await this.testbed.recordedEvents(articleId)).map((event) => event.type);
  }
}
