import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES, type NewsroomEvent } from '@newsroom/contracts';
import { inStoryTrace, Outbox } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
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

/** What an editor's action on a review comes to: the use case's result, and the event announcing it (none when nothing changed). */
export interface ReviewActionOutcome<T> {
  result: T;
  announce?: NewsroomEvent;
}

/**
 * The one flow behind every editor action on a review (claim, comment, and the
 * decisions): lock the review's row, let the action apply itself and store what
 * it changed, and record the event that announces it, all in one unit of work.
 * Nothing is stored without being announced, and two editors acting at once are
 * serialised on the row: the second sees the first one's outcome and is refused
 * by the review's rules if it no longer applies.
 */
@Injectable()
export class ReviewActionFlow {
  constructor(
    private readonly reviews: ReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  /**
   * `act` gets the locked review and the action's time. Throws REVIEW.NOT_FOUND for
   * an unknown article, and whatever coded error `act` (the review's rules) raises.
   */
  @Transactional()
  async act<T>(articleId: string, act: (review: Review, at: Date) => Promise<ReviewActionOutcome<T>>): Promise<T> {
    const review = await this.reviews.lockExisting(articleId);
    const { result, announce } = await act(review, new Date());
    if (announce) await this.outbox.record(announce);
    return result;
  }

  /**
   * A decision (request-changes, reject, approve): `decide` calls one of the
   * review's decision methods; the review and the decision are stored, and the
   * decision's event announces it.
   *
   * The decision continues the story's trace: it runs in a span under the trace context stored
   * with the submission (inStoryTrace), so its SQL, its event and everything downstream share
   * the trace that began with the reporter's submit; the editor's request stays its own trace,
   * linked to it (docs/operations.md, Traces).
   */
  async decide(articleId: string, decide: (review: Review, at: Date) => Decision | Promise<Decision>): Promise<DecisionResult> {
    const story = await this.reviews.submissionTrace(articleId);
    return inStoryTrace(story, { name: 'review decision', attributes: { 'newsroom.article.id': articleId } }, async (span) => {
      const outcome = await this.act(articleId, async (review, at) => {
        const decision = await decide(review, at);
        await this.reviews.save(review);
        const decisionId = await this.reviews.insertDecision(decision);
        return {
          result: { articleId, revision: decision.revision, decision: decision.kind, decisionId },
          announce: decisionEvent(decision),
        };
      });
      span.setAttributes({ 'newsroom.review.decision': outcome.decision, 'newsroom.article.revision': outcome.revision });
      return outcome;
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
