import { Injectable } from '@nestjs/common';
import { ReviewRepository } from '../../persistence/review.repository';
import { reviewerOf } from '../editor.command';
import { ReviewActionFlow, type DecisionResult } from '../review-action.flow';
import { ApproveArticleCommand } from './approve-article.command';

/**
 * The reviewing editor approves the revision under review. The approved event
 * carries that revision's full text, which is what publishing puts live.
 */
@Injectable()
export class ApproveArticleUseCase {
  constructor(
    private readonly decisions: ReviewActionFlow,
    private readonly reviews: ReviewRepository,
  ) {}

  /**
   * Errors: REVIEW.NOT_FOUND, ARTICLE.SELF_APPROVAL (checked first), REVIEW.INVALID_TRANSITION,
   * REVIEW.NOT_ASSIGNED, REVIEW.BLOCKING_CHECKS (details: the failing checks).
   */
  execute(command: ApproveArticleCommand): Promise<DecisionResult> {
    const terms = { publishAt: command.publishAt ?? null, embargoUntil: command.embargoUntil ?? null, priority: command.priority };
    return this.decisions.decide(command.articleId, async (review, at) =>
      review.approve(reviewerOf(command), await this.reviews.submittedRevision(review.articleId, review.currentRevision), terms, at),
    );
  }
}
