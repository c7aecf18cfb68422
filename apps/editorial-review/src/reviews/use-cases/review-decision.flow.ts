import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES, type NewsroomEvent } from '@newsroom/contracts';
import { Outbox } from '@newsroom/messaging';
import { UnitOfWork } from '@newsroom/persistence';
import type { Review } from '../domain/review';
import type { Decision } from '../domain/review-decision';
import type { DecisionKind } from '../domain/review-status';
import { ReviewRepository } from '../persistence/review.repository';

/** What a decision use case reports back. */
export interface DecisionResult {
  articleId: string;
  /** The revision decided on. */
  revision: number;
  decision: DecisionKind;
  /** The decision's id in the review's decision log. */
  decisionId: string;
}

/**
 * The one flow behind request-changes, reject and approve: lock the review's
 * row, let the review decide (`decide` calls one of its decision methods),
 * store the review and the decision, and record the decision's event, all in
 * one unit of work. A decision is never stored without being announced, and
 * two editors deciding at once are serialised on the row: the second sees
 * the first one's outcome and is refused by the review's rules.
 */
@Injectable()
export class ReviewDecisionFlow {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reviews: ReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Throws REVIEW.NOT_FOUND for an unknown article, and whatever coded error the review's rules raise. */
  decide(articleId: string, decide: (review: Review, at: Date) => Decision | Promise<Decision>): Promise<DecisionResult> {
    return this.unitOfWork.run(async () => {
      const review = await this.reviews.lockExisting(articleId);
      const decision = await decide(review, new Date());
      await this.reviews.save(review);
      const decisionId = await this.reviews.insertDecision(decision);
      await this.outbox.record(decisionEvent(decision));
      return { articleId, revision: decision.revision, decision: decision.kind, decisionId };
    });
  }
}

/** The event that announces a decision on the review topic. */
function decisionEvent(decision: Decision): NewsroomEvent {
  const { articleId, revision, editorId, decidedAt } = decision;
  const envelope = { subject: articleId, time: decidedAt };
  switch (decision.kind) {
    case 'changes_requested':
      return createEvent(EVENT_TYPES.changesRequested, { articleId, revision, editorId, note: decision.note, requestedAt: decidedAt.toISOString() }, envelope);
    case 'rejected':
      return createEvent(EVENT_TYPES.articleRejected, { articleId, revision, editorId, reason: decision.reason, rejectedAt: decidedAt.toISOString() }, envelope);
    case 'approved': {
      const { publishAt, embargoUntil, priority } = decision.terms;
      return createEvent(
        EVENT_TYPES.articleApproved,
        {
          articleId,
          revision,
          editorId,
          authorId: decision.authorId,
          approvedAt: decidedAt.toISOString(),
          ...(publishAt ? { publishAt: publishAt.toISOString() } : {}),
          ...(embargoUntil ? { embargoUntil: embargoUntil.toISOString() } : {}),
          priority,
          article: decision.article,
        },
        envelope,
      );
    }
  }
}
