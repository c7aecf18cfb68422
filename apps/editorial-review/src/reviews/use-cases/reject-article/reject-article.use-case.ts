import { Injectable } from '@nestjs/common';
import { reviewerOf } from '../editor.command';
import { ReviewActionFlow, type DecisionResult } from '../review-action.flow';
import { RejectArticleCommand } from './reject-article.command';

/** The reviewing editor turns the article down for good, saying why. */
@Injectable()
export class RejectArticleUseCase {
  constructor(private readonly decisions: ReviewActionFlow) {}

  /** Errors: REVIEW.NOT_FOUND, ARTICLE.SELF_REVIEW, REVIEW.INVALID_TRANSITION, REVIEW.NOT_ASSIGNED. */
  execute(command: RejectArticleCommand): Promise<DecisionResult> {
    return this.decisions.decide(command.articleId, (review, at) => review.reject(reviewerOf(command), command.reason, at));
  }
}
