import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import { Outbox } from '@newsroom/messaging';
import { UnitOfWork } from '@newsroom/persistence';
import { ReviewRepository } from '../../persistence/review.repository';
import { reviewerOf } from '../editor.command';
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
    private readonly unitOfWork: UnitOfWork,
    private readonly reviews: ReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  /**
   * The row lock makes concurrent claims take turns: exactly one editor wins,
   * the others get REVIEW.ALREADY_CLAIMED. Other errors: REVIEW.NOT_FOUND,
   * ARTICLE.SELF_REVIEW, REVIEW.INVALID_TRANSITION.
   */
  execute(command: ClaimReviewCommand): Promise<ClaimResult> {
    return this.unitOfWork.run(async () => {
      const { articleId, editorId } = command;
      const review = await this.reviews.lockExisting(articleId);
      const at = new Date();
      const revision = review.currentRevision;
      if (!review.claim(reviewerOf(command), at)) return { articleId, revision, claimed: false };
      await this.reviews.save(review);
      await this.outbox.record(
        createEvent(EVENT_TYPES.reviewClaimed, { articleId, revision, editorId, claimedAt: at.toISOString() }, { subject: articleId, time: at }),
      );
      return { articleId, revision, claimed: true };
    });
  }
}
