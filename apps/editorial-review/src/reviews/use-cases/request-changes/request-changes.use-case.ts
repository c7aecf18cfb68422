import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Outbox } from '@newsroom/messaging';
import { ReviewRepository } from '../../persistence/review.repository';
import { reviewerOf } from '../reviewer';

/** The reviewing editor sends the article back to its reporter with a note. */
@Injectable()
export class RequestChangesUseCase {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute(user: AuthenticatedUser, articleId: string, note: string): Promise<void> {
    await this.reviews.transaction(async (manager) => {
      const review = await this.reviews.lockExisting(manager, articleId);
      const now = new Date();
      review.requestChanges(reviewerOf(user), now);
      const revision = review.state.currentRevision;
      await this.reviews.update(manager, review);
      await this.reviews.insertDecision(manager, {
        articleId,
        revision,
        editorId: user.id,
        kind: 'changes_requested',
        note,
        decidedAt: now,
      });
      await this.outbox.add(
        manager,
        createEvent(
          EVENT_TYPES.changesRequested,
          { articleId, revision, editorId: user.id, note, requestedAt: now.toISOString() },
          { subject: articleId, time: now },
        ),
      );
    });
  }
}
