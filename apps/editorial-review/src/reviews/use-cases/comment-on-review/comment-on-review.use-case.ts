import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import { Outbox } from '@newsroom/messaging';
import { UnitOfWork } from '@newsroom/persistence';
import { ReviewRepository } from '../../persistence/review.repository';
import { CommentOnReviewCommand } from './comment-on-review.command';

export interface CommentResult {
  commentId: string;
  /** The revision under review when the note was written. */
  revision: number;
}

/** Any editor may leave a note until the review is decided; the reporter sees every note. */
@Injectable()
export class CommentOnReviewUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reviews: ReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Errors: REVIEW.NOT_FOUND, REVIEW.CLOSED (the review is approved or rejected). */
  execute(command: CommentOnReviewCommand): Promise<CommentResult> {
    return this.unitOfWork.run(async () => {
      // The lock orders the note against a decision being made at the same moment.
      const review = await this.reviews.lockExisting(command.articleId);
      const comment = review.addComment(command.editorId, command.body, new Date());
      await this.reviews.insertComment(comment);
      const { id: commentId, articleId, revision, editorId, body, createdAt } = comment;
      await this.outbox.record(
        createEvent(
          EVENT_TYPES.reviewCommentAdded,
          { articleId, revision, editorId, commentId, body, createdAt: createdAt.toISOString() },
          { subject: articleId, time: createdAt },
        ),
      );
      return { commentId, revision };
    });
  }
}
