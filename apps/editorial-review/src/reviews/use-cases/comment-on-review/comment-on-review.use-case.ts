import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import { ReviewRepository } from '../../persistence/review.repository';
import { ReviewActionFlow } from '../review-action.flow';
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
    private readonly actions: ReviewActionFlow,
    private readonly reviews: ReviewRepository,
  ) {}

  /**
   * Errors: REVIEW.NOT_FOUND, REVIEW.CLOSED (the review is approved or rejected),
   * REVIEW.BLOCK_NOT_FOUND (`blockIndex` is past the end of the revision's body).
   */
  execute(command: CommentOnReviewCommand): Promise<CommentResult> {
    // The lock orders the note against a decision being made at the same moment.
    return this.actions.act(command.articleId, async (review, at) => {
      const { blockIndex } = command;
      const anchor = blockIndex === undefined ? undefined : { blockIndex, submitted: await this.reviews.submittedRevision(review.articleId, review.currentRevision) };
      const comment = review.addComment(command.editorId, command.body, at, anchor);
      await this.reviews.insertComment(comment);
      const { id: commentId, articleId, revision, editorId, body, createdAt } = comment;
      return {
        result: { commentId, revision },
        announce: createEvent(
          EVENT_TYPES.reviewCommentAdded,
          { articleId, revision, editorId, commentId, body, ...(comment.blockIndex === null ? {} : { blockIndex: comment.blockIndex }), createdAt: createdAt.toISOString() },
          { subject: articleId, time: createdAt },
        ),
      };
    });
  }
}
