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

/**
 * An editor takes an article off the queue, or over from the editor who holds it (`takeOver`);
 * claiming it again is a no-op. A take-over is announced as a claim by the new editor: drafting's
 * timeline shows who reviews the story from then on.
 */
@Injectable()
export class ClaimReviewUseCase {
  constructor(
    private readonly actions: ReviewActionFlow,
    private readonly reviews: ReviewRepository,
  ) {}

  /**
   * The row lock makes concurrent claims take turns: exactly one editor wins,
   * the others get REVIEW.ALREADY_CLAIMED (unless they take it over). Other errors: REVIEW.NOT_FOUND,
   * ARTICLE.SELF_REVIEW, REVIEW.INVALID_TRANSITION.
   */
  execute(command: ClaimReviewCommand): Promise<ClaimResult> {
    const { articleId, editorId, takeOver } = command;
    return this.actions.act<ClaimResult>(articleId, async (review, at) => {
      const revision = review.currentRevision;
      if (!review.claim(reviewerOf(command), at, { takeOver })) return { result: { articleId, revision, claimed: false } };
      await this.reviews.save(review);
      return {
        result: { articleId, revision, claimed: true },
        announce: createEvent(EVENT_TYPES.reviewClaimed, { articleId, revision, editorId, claimedAt: at.toISOString() }, { subject: articleId, time: at }),
      };
    });
  }
}
