import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import { reviewNotFound } from '../../domain/review.errors';
import { ReviewRepository } from '../../persistence/review.repository';
import { ReviewActionFlow } from '../review-action.flow';
import { RecallSubmissionCommand } from './recall-submission.command';

export interface RecallResult {
  articleId: string;
  /** The revision taken back. */
  revision: number;
  /** False when it was recalled already: nothing changed and nothing was announced. */
  recalled: boolean;
}

/**
 * The reporter takes a story still waiting in the queue back (submitted too early, a fact to
 * check). The review row's lock orders it with the editors' claims: of a recall and a claim at
 * once, exactly one wins, and a recall after the claim is refused. Announced on the review topic,
 * from which drafting makes the story editable again.
 */
@Injectable()
export class RecallSubmissionUseCase {
  constructor(
    private readonly actions: ReviewActionFlow,
    private readonly reviews: ReviewRepository,
  ) {}

  /**
   * Errors: REVIEW.NOT_FOUND (also, for a caller who does not read reviews, someone else's
   * story: whether it exists is not theirs to know), REVIEW.NOT_THE_AUTHOR (403, an editor's
   * recall of another's story), REVIEW.SUBMISSION_NOT_CURRENT (409, the named submission has not
   * arrived yet), REVIEW.RECALL_TOO_LATE (409, an editor holds it; details.assigneeId),
   * REVIEW.INVALID_TRANSITION (409, decided or back with the reporter), REVIEW.ARTICLE_KILLED (409).
   */
  execute(command: RecallSubmissionCommand): Promise<RecallResult> {
    const { articleId, reporterId, revision: named, submittedAt } = command;
    const submission = named !== undefined && submittedAt !== undefined ? { revision: named, submittedAt } : undefined;
    return this.actions.act<RecallResult>(articleId, async (review, at) => {
      if (review.authorId !== reporterId && !command.readsReviews) throw reviewNotFound(articleId);
      const revision = review.currentRevision;
      if (!review.recall(reporterId, submission)) return { result: { articleId, revision, recalled: false } };
      await this.reviews.save(review);
      return {
        result: { articleId, revision, recalled: true },
        announce: createEvent(
          EVENT_TYPES.submissionRecalled,
          { articleId, revision, authorId: reporterId, recalledAt: at.toISOString() },
          { subject: articleId, time: at },
        ),
      };
    });
  }
}
