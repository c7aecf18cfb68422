import { Injectable, Logger, Optional } from '@nestjs/common';
import { runEditorialChecks, type CheckContext } from '@newsroom/contracts';
import { Transactional } from '@newsroom/persistence';
import { Review } from '../../domain/review';
import { diffRevisions } from '../../domain/revision-diff';
import type { ReviewSubmissionEntity } from '../../persistence/review-submission.entity';
import { ReviewRepository } from '../../persistence/review.repository';
import { InjectEditorialCheckSettings } from '../editorial-check-settings';
import { ReceiveSubmissionCommand } from './receive-submission.command';

export type SubmissionResult =
  /** A new article entered the queue. */
  | { outcome: 'queued'; revision: number }
  /** A newer revision is back in the queue; `diffAgainst` is the revision its diff compares with, if any. */
  | { outcome: 'requeued'; revision: number; diffAgainst: number | null }
  /** The reviewing editor's sub-edit is now the text under review, still with them; its diff shows their edit of `diffAgainst`. */
  | { outcome: 'sub-edited'; revision: number; diffAgainst: number }
  /** The revision was known already (a redelivery), is older than the one under review, or is of a killed story: nothing changed. */
  | { outcome: 'duplicate' | 'stale' | 'killed'; revision: number };

/**
 * A reporter submitted a revision: it enters the queue with the automated
 * checks already run. A resubmission keeps every earlier note and records what
 * changed since the revision an editor last reviewed.
 */
@Injectable()
export class ReceiveSubmissionUseCase {
  private readonly logger = new Logger(ReceiveSubmissionUseCase.name);

  constructor(
    private readonly reviews: ReviewRepository,
    @Optional() @InjectEditorialCheckSettings() private readonly checks: CheckContext = {},
  ) {}

  /**
   * Errors: REVIEW.ALREADY_DECIDED for a new revision of a rejected article
   * (not retriable: a consumer dead-letters it). A newer revision of an approved
   * article is an update of a live story: back in the queue, like a resubmission. So is the
   * same revision submitted again after changes were requested or the reporter recalled it.
   * The reviewing editor's own sub-edit stays in review with them, its diff showing their edit.
   */
  @Transactional()
  async execute(command: ReceiveSubmissionCommand): Promise<SubmissionResult> {
    const { articleId, revision, authorId, submittedAt, editedBy } = command;
    const review = await this.reviews.lock(articleId);
    if (!review) {
      const submission = this.submission(command, null);
      await this.reviews.insert(Review.open(articleId, authorId, { revision, submittedAt }), submission);
      this.logger.log({ articleId, revision, checks: submission.checks.length }, 'article entered the review queue');
      return { outcome: 'queued', revision };
    }

    const outcome = review.receiveSubmission({ revision, submittedAt, editedBy });
    if (outcome.kind === 'ignored') {
      this.logger.log({ articleId, revision, currentRevision: review.currentRevision, reason: outcome.reason }, 'submission ignored');
      return { outcome: outcome.reason, revision };
    }
    if (outcome.kind === 'resubmitted') {
      // Its text, checks and diff are stored already: only its place in the queue changes.
      await this.reviews.save(review);
      this.logger.log({ articleId, revision }, 'revision submitted again as it was; back in the review queue');
      return { outcome: 'requeued', revision, diffAgainst: null };
    }
    const reviewed = outcome.diffAgainst === null ? null : await this.reviews.submission(articleId, outcome.diffAgainst);
    const submission = this.submission(command, reviewed);
    await this.reviews.addSubmission(review, submission);
    if (outcome.kind === 'sub-edited') {
      this.logger.log({ articleId, revision, editedBy, diffAgainst: outcome.diffAgainst }, 'sub-edited text is under review, with the editor who edited it');
      return { outcome: 'sub-edited', revision, diffAgainst: outcome.diffAgainst };
    }
    this.logger.log({ articleId, revision, diffAgainst: submission.diffAgainst }, 'resubmitted article is back in the review queue');
    return { outcome: 'requeued', revision, diffAgainst: submission.diffAgainst };
  }

  /** The revision as stored: with its check results and, for a resubmission, the diff against `reviewed`. */
  private submission(command: ReceiveSubmissionCommand, reviewed: ReviewSubmissionEntity | null): ReviewSubmissionEntity {
    const { articleId, revision, authorId, submittedAt, article, eventId, editedBy } = command;
    return {
      articleId,
      revision,
      authorId,
      editedBy: editedBy ?? null,
      submittedAt,
      article,
      checks: runEditorialChecks(article, this.checks),
      diffAgainst: reviewed?.revision ?? null,
      diff: reviewed ? diffRevisions({ revision: reviewed.revision, article: reviewed.article }, { revision, article }) : null,
      eventId,
      receivedAt: new Date(),
    };
  }
}
