import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import { ReviewRepository } from '../../persistence/review.repository';
import { reviewerOf } from '../editor.command';
import { ReviewActionFlow } from '../review-action.flow';
import { ClaimReviewCommand } from './claim-review.command';

export interface ClaimResult {
  articleId: string;
  /** The revision the editor now reviews. */
  revision: number;
  /** False when the editor already held the article: nothing changed and nothing was announced. */
  claimed: boolean;
}

/** An editor takes an article off the queue; claiming it again is a no-op. */
@Injectable()
export class ClaimReviewUseCase {
  constructor(
    private readonly actions: ReviewActionFlow,
    private readonly reviews: ReviewRepository,
  ) {}

  /**
   * The row lock makes concurrent claims take turns: exactly one editor wins,
   * the others get REVIEW.ALREADY_CLAIMED. Other errors: REVIEW.NOT_FOUND,
   * ARTICLE.SELF_REVIEW, REVIEW.INVALID_TRANSITION.
   */
  execute(command: ClaimReviewCommand): Promise<ClaimResult> {
    const { articleId, editorId } = command;
    return this.actions.act<ClaimResult>(articleId, async (review, at) => {
      const revision = review.currentRevision;
      if (!review.claim(reviewerOf(command), at)) return { result: { articleId, revision, claimed: false } };
      await this.reviews.save(review);
      return {
        result: { articleId, revision, claimed: true },
        announce: createEvent(EVENT_TYPES.reviewClaimed, { articleId, revision, editorId, claimedAt: at.toISOString() }, { subject: articleId, time: at }),
      };
    });
  }
}
