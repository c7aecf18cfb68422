import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Outbox } from '@newsroom/messaging';
import { ReviewRepository } from '../../persistence/review.repository';

/** Any editor may leave a note until the review is decided; the reporter sees every note. */
@Injectable()
export class CommentOnReviewUseCase {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute(user: AuthenticatedUser, articleId: string, body: string): Promise<string> {
    return this.reviews.transaction(async (manager) => {
      const review = await this.reviews.lockExisting(manager, articleId);
      review.assertCanComment();
      const now = new Date();
      const comment = { id: randomUUID(), articleId, revision: review.state.currentRevision, editorId: user.id, body, createdAt: now };
      await this.reviews.insertComment(manager, comment);
      await this.outbox.add(
        manager,
        createEvent(
          EVENT_TYPES.reviewCommentAdded,
          { articleId, revision: comment.revision, editorId: user.id, commentId: comment.id, body, createdAt: now.toISOString() },
          { subject: articleId, time: now },
        ),
      );
      return comment.id;
    });
  }
}
