import { Injectable } from '@nestjs/common';
import { reviewerOf } from '../editor.command';
import { ReviewActionFlow, type DecisionResult } from '../review-action.flow';
import { RequestChangesCommand } from './request-changes.command';

/** The reviewing editor sends the article back to its reporter with a note. */
@Injectable()
export class RequestChangesUseCase {
  constructor(private readonly decisions: ReviewActionFlow) {}

  /** Errors: REVIEW.NOT_FOUND, ARTICLE.SELF_REVIEW, REVIEW.INVALID_TRANSITION, REVIEW.NOT_ASSIGNED. */
  execute(command: RequestChangesCommand): Promise<DecisionResult> {
    return this.decisions.decide(command.articleId, (review, at) => review.requestChanges(reviewerOf(command), command.note, at));
  }
}
