import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES, type Priority } from '@newsroom/contracts';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Outbox } from '@newsroom/messaging';
import { runEditorialChecks } from '../../domain/editorial-checks';
import { ReviewRepository } from '../../persistence/review.repository';
import { reviewerOf } from '../reviewer';

export interface ApprovalTerms {
  publishAt?: Date;
  embargoUntil?: Date;
  priority: Priority;
}

/**
 * The reviewing editor approves the revision under review. The approved event
 * carries that revision's full text, which is what publishing puts live.
 */
@Injectable()
export class ApproveArticleUseCase {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute(user: AuthenticatedUser, articleId: string, terms: ApprovalTerms): Promise<void> {
    await this.reviews.transaction(async (manager) => {
      const review = await this.reviews.lockExisting(manager, articleId);
      const revision = review.state.currentRevision;
      const submission = await this.reviews.submission(manager, articleId, revision);
      if (!submission) throw new Error(`review ${articleId} has no stored submission for its current revision ${revision}`);
      const now = new Date();
      // Run again rather than trusting the stored results: rules added since the submission apply too.
      review.approve(reviewerOf(user), runEditorialChecks(submission.article), now);
      await this.reviews.update(manager, review);
      await this.reviews.insertDecision(manager, {
        articleId,
        revision,
        editorId: user.id,
        kind: 'approved',
        publishAt: terms.publishAt ?? null,
        embargoUntil: terms.embargoUntil ?? null,
        priority: terms.priority,
        decidedAt: now,
      });
      await this.outbox.add(
        manager,
        createEvent(
          EVENT_TYPES.articleApproved,
          {
            articleId,
            revision,
            editorId: user.id,
            authorId: review.state.authorId,
            approvedAt: now.toISOString(),
            ...(terms.publishAt ? { publishAt: terms.publishAt.toISOString() } : {}),
            ...(terms.embargoUntil ? { embargoUntil: terms.embargoUntil.toISOString() } : {}),
            priority: terms.priority,
            article: submission.article,
          },
          { subject: articleId, time: now },
        ),
      );
    });
  }
}
