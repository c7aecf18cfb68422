import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENT_TYPES, type EventOf } from '@newsroom/contracts';
import type { EventHandlers } from '@newsroom/messaging';
import { runEditorialChecks } from '../../domain/editorial-checks';
import { Review } from '../../domain/review';
import { diffRevisions } from '../../domain/revision-diff';
import type { ReviewSubmissionEntity } from '../../persistence/review-submission.entity';
import { ReviewRepository } from '../../persistence/review.repository';

/**
 * A reporter submitted a revision: it enters the queue with the automated
 * checks already run. A resubmission keeps every earlier note and records what
 * changed since the revision an editor last reviewed.
 */
@Injectable()
export class ReceiveSubmissionUseCase {
  private readonly logger = new Logger(ReceiveSubmissionUseCase.name);

  constructor(private readonly reviews: ReviewRepository) {}

  readonly handlers: EventHandlers = {
    [EVENT_TYPES.articleSubmitted]: (event, manager) => this.receive(event, manager),
  };

  async receive(event: EventOf<'news.article.submitted.v1'>, manager: EntityManager): Promise<void> {
    const { articleId, revision, authorId, article } = event.data;
    const submittedAt = new Date(event.data.submittedAt);
    const submission: ReviewSubmissionEntity = {
      articleId,
      revision,
      authorId,
      submittedAt,
      article,
      checks: runEditorialChecks(article),
      diffAgainst: null,
      diff: null,
      eventId: event.id,
      receivedAt: new Date(),
    };

    const review = await this.reviews.lock(manager, articleId);
    if (!review) {
      await this.reviews.insert(manager, Review.open(articleId, authorId, { revision, submittedAt }), submission);
      this.logger.log({ articleId, revision, checks: submission.checks.length }, 'article entered the review queue');
      return;
    }

    // Throws a non-retriable DomainError (→ dead-letter topic) once the review is decided.
    const outcome = review.receiveSubmission({ revision, submittedAt });
    if (outcome.kind === 'ignored') {
      this.logger.log({ articleId, revision, currentRevision: review.state.currentRevision, reason: outcome.reason }, 'submission ignored');
      return;
    }
    if (outcome.diffAgainst !== null) {
      const reviewed = await this.reviews.submission(manager, articleId, outcome.diffAgainst);
      if (reviewed) {
        submission.diffAgainst = reviewed.revision;
        submission.diff = diffRevisions({ revision: reviewed.revision, article: reviewed.article }, { revision, article });
      }
    }
    await this.reviews.addSubmission(manager, review, submission);
    this.logger.log({ articleId, revision, diffAgainst: submission.diffAgainst }, 'resubmitted article is back in the review queue');
  }
}
