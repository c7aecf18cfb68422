import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Outbox } from '@newsroom/messaging';
import { ReviewRepository } from '../../persistence/review.repository';
import { reviewerOf } from '../reviewer';

/** The reviewing editor turns the article down for good, saying why. */
@Injectable()
export class RejectArticleUseCase {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute(user: AuthenticatedUser, articleId: string, reason: string): Promise<void> {
    await this.reviews.transaction(async (manager) => {
      const review = await this.reviews.lockExisting(manager, articleId);
      const now = new Date();
      review.reject(reviewerOf(user), now);
      const revision = review.state.currentRevision;
      await this.reviews.update(manager, review);
      await this.reviews.insertDecision(manager, {
        articleId,
        revision,
        editorId: user.id,
        kind: 'rejected',
        note: reason,
        decidedAt: now,
      });
      await this.outbox.add(
        manager,
        createEvent(
          EVENT_TYPES.articleRejected,
          { articleId, revision, editorId: user.id, reason, rejectedAt: now.toISOString() },
          { subject: articleId, time: now },
        ),
      );
    });
  }
}
