import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Outbox } from '@newsroom/messaging';
import { ReviewRepository } from '../../persistence/review.repository';
import { reviewerOf } from '../reviewer';

/** An editor takes an article off the queue; claiming it again is a no-op. */
@Injectable()
export class ClaimReviewUseCase {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute(user: AuthenticatedUser, articleId: string): Promise<void> {
    await this.reviews.transaction(async (manager) => {
      const review = await this.reviews.lockExisting(manager, articleId);
      const now = new Date();
      if (!review.claim(reviewerOf(user), now)) return;
      await this.reviews.update(manager, review);
      await this.outbox.add(
        manager,
        createEvent(
          EVENT_TYPES.reviewClaimed,
          { articleId, revision: review.state.currentRevision, editorId: user.id, claimedAt: now.toISOString() },
          { subject: articleId, time: now },
        ),
      );
    });
  }
}
