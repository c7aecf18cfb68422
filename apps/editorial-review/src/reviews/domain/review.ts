import { blockingErrors, type CheckResult } from './editorial-checks';
import {
  alreadyClaimed,
  blockingChecks,
  invalidTransition,
  notAssigned,
  reviewClosed,
  selfApproval,
  selfReview,
  submissionAfterDecision,
} from './review.errors';
import { FINAL_STATUSES, type ReviewStatus } from './review-status';

/** Who is acting on a review. Every caller is an editor; admins may decide on any claimed article. */
export interface Reviewer {
  id: string;
  isAdmin: boolean;
}

export interface ReviewState {
  articleId: string;
  authorId: string;
  status: ReviewStatus;
  /** The editor who claimed the article; kept after a decision to show who made it. */
  assigneeId: string | null;
  /** The latest submitted revision: the one being reviewed. */
  currentRevision: number;
  /** The revision the last change request was made on; resubmissions are compared with it. */
  reviewedRevision: number | null;
  /** When the current revision was submitted; the queue is ordered by it. */
  submittedAt: Date;
  claimedAt: Date | null;
  decidedAt: Date | null;
}

export interface Submission {
  revision: number;
  submittedAt: Date;
}

export type SubmissionOutcome =
  /** The revision is already known (a redelivery) or older than the current one: nothing changes. */
  | { kind: 'ignored'; reason: 'duplicate' | 'stale' }
  /** The revision is now the one under review; `diffAgainst` is the revision an editor last reviewed, if any. */
  | { kind: 'accepted'; diffAgainst: number | null };

/**
 * One article's way through review:
 *
 *   pending --claim--> in_review --approve--> approved
 *                                --request-changes--> changes_requested --(resubmitted)--> pending
 *                                --reject--> rejected
 *
 * Pure rules, no I/O. Every refusal is a coded DomainError.
 */
export class Review {
  constructor(readonly state: ReviewState) {}

  static open(articleId: string, authorId: string, submission: Submission): Review {
    return new Review({
      articleId,
      authorId,
      status: 'pending',
      assigneeId: null,
      currentRevision: submission.revision,
      reviewedRevision: null,
      submittedAt: submission.submittedAt,
      claimedAt: null,
      decidedAt: null,
    });
  }

  get isFinal(): boolean {
    return FINAL_STATUSES.includes(this.state.status);
  }

  /**
   * A revision arrived from drafting. Normally that is a resubmission after a
   * change request. A newer revision while the article is still pending or
   * being reviewed replaces the text under review and puts it back in the
   * queue, so nobody approves words they have not been shown.
   */
  receiveSubmission(submission: Submission): SubmissionOutcome {
    const { currentRevision } = this.state;
    if (submission.revision === currentRevision) return { kind: 'ignored', reason: 'duplicate' };
    if (submission.revision < currentRevision) return { kind: 'ignored', reason: 'stale' };
    if (this.isFinal) throw submissionAfterDecision(this.state.articleId, submission.revision, this.state.status);
    Object.assign(this.state, {
      status: 'pending',
      assigneeId: null,
      claimedAt: null,
      currentRevision: submission.revision,
      submittedAt: submission.submittedAt,
    } satisfies Partial<ReviewState>);
    return { kind: 'accepted', diffAgainst: this.state.reviewedRevision };
  }

  /** Takes the article off the queue. Returns false when this editor already holds it. */
  claim(reviewer: Reviewer, at: Date): boolean {
    if (this.isAuthor(reviewer)) throw selfReview();
    if (this.state.status === 'in_review') {
      if (this.state.assigneeId === reviewer.id) return false;
      throw alreadyClaimed(this.state.assigneeId ?? 'unknown');
    }
    if (this.state.status !== 'pending') throw invalidTransition('claim the article', this.state.status);
    this.state.status = 'in_review';
    this.state.assigneeId = reviewer.id;
    this.state.claimedAt = at;
    return true;
  }

  /** Any editor may leave a note until the review is decided. */
  assertCanComment(): void {
    if (this.isFinal) throw reviewClosed(this.state.status);
  }

  requestChanges(reviewer: Reviewer, at: Date): void {
    this.assertMayDecide(reviewer, 'request changes');
    this.decide('changes_requested', at);
  }

  reject(reviewer: Reviewer, at: Date): void {
    this.assertMayDecide(reviewer, 'reject the article');
    this.decide('rejected', at);
  }

  /**
   * Nobody approves an article they wrote, whatever their role or the state of
   * the review: that is checked before anything else. `checks` are the results
   * for the current revision; any error blocks approval.
   */
  approve(reviewer: Reviewer, checks: readonly CheckResult[], at: Date): void {
    if (this.isAuthor(reviewer)) throw selfApproval();
    this.assertMayDecide(reviewer, 'approve the article');
    const errors = blockingErrors(checks);
    if (errors.length > 0) throw blockingChecks(errors);
    this.decide('approved', at);
  }

  private assertMayDecide(reviewer: Reviewer, action: string): void {
    if (this.isAuthor(reviewer)) throw selfReview();
    if (this.state.status !== 'in_review') throw invalidTransition(action, this.state.status);
    if (this.state.assigneeId !== reviewer.id && !reviewer.isAdmin) throw notAssigned(this.state.assigneeId);
  }

  private decide(status: 'changes_requested' | 'approved' | 'rejected', at: Date): void {
    this.state.status = status;
    this.state.reviewedRevision = this.state.currentRevision;
    this.state.decidedAt = at;
  }

  private isAuthor(reviewer: Reviewer): boolean {
    return reviewer.id === this.state.authorId;
  }
}
