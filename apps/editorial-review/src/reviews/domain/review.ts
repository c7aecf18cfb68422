import { randomUUID } from 'node:crypto';
import { blockingErrors, runEditorialChecks } from '@newsroom/contracts';
import type { ApprovalTerms, Decision, ReviewComment, SubmittedRevision } from './review-decision';
import {
  alreadyClaimed,
  blockingChecks,
  blockNotFound,
  invalidTransition,
  notAssigned,
  notTheAuthor,
  recallTooLate,
  reviewClosed,
  submissionNotCurrent,
  selfApproval,
  selfReview,
  storyKilled,
  submissionAfterDecision,
} from './review.errors';
import { FINAL_STATUSES, RETURNED_STATUSES, type DecisionKind, type ReviewStatus } from './review-status';

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
  /** For a sub-edit: the editor who edited the text under review (drafting saved it as this revision). */
  editedBy?: string;
}

export type SubmissionOutcome =
  /** The revision is already known (a redelivery), older than the current one, or of a killed story: nothing changes. */
  | { kind: 'ignored'; reason: 'duplicate' | 'stale' | 'killed' }
  /** The revision is now the one under review; `diffAgainst` is the revision an editor last reviewed, if any. */
  | { kind: 'accepted'; diffAgainst: number | null }
  /** The revision back with the reporter was submitted again as it was: it is waiting in the queue again. */
  | { kind: 'resubmitted' }
  /** The editor holding the story edited its text: it is under review still, with them; `diffAgainst` is the revision they edited. */
  | { kind: 'sub-edited'; diffAgainst: number };

/** How a refused decision reads in its error message. */
const DECISION_ACTIONS: Record<DecisionKind, string> = {
  changes_requested: 'request changes',
  approved: 'approve the article',
  rejected: 'reject the article',
};

/**
 * One article's way through review:
 *
 *   pending --claim--> in_review --approve--> approved --(a newer revision)--> pending
 *                                --request-changes--> changes_requested --(resubmitted)--> pending
 *                                --reject--> rejected
 *   pending --(the reporter recalls it)--> recalled --(resubmitted)--> pending
 *   any of them --(publishing killed the story)--> killed
 *
 * Pure rules, no I/O. Every refusal is a coded DomainError. The state is the
 * review's own: callers change it only through the intention-named methods
 * and read it through the getters or a `snapshot()`.
 */
export class Review {
  private constructor(private readonly state: ReviewState) {}

  /** A first submission puts the article in the queue. */
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

  /**
   * A review as it was stored. `stored` may carry more (a table row); only the
   * review's own fields are kept. The caller vouches that they came from a Review.
   */
  static restore(stored: ReviewState): Review {
    const { articleId, authorId, status, assigneeId, currentRevision, reviewedRevision, submittedAt, claimedAt, decidedAt } = stored;
    return new Review({ articleId, authorId, status, assigneeId, currentRevision, reviewedRevision, submittedAt, claimedAt, decidedAt });
  }

  /** A copy of the state, for storing it; changing the copy changes nothing. */
  snapshot(): ReviewState {
    return { ...this.state };
  }

  get articleId(): string {
    return this.state.articleId;
  }

  get authorId(): string {
    return this.state.authorId;
  }

  get status(): ReviewStatus {
    return this.state.status;
  }

  get currentRevision(): number {
    return this.state.currentRevision;
  }

  get isFinal(): boolean {
    return FINAL_STATUSES.includes(this.state.status);
  }

  /**
   * A revision arrived from drafting. Normally that is a resubmission after a
   * change request. A newer revision while the article is still pending or
   * being reviewed replaces the text under review and puts it back in the
   * queue, so nobody approves words they have not been shown; the exception is the
   * reviewing editor's own sub-edit (`editedBy` is the assignee), which stays in review with them. A newer revision of an
   * approved article (a reporter updating a live story) goes through review again, compared
   * with the approved text; a rejected article takes no new revision.
   */
  receiveSubmission(submission: Submission): SubmissionOutcome {
    const { currentRevision } = this.state;
    if (submission.revision === currentRevision) {
      // The same revision submitted again, later, while it was back with the reporter: the
      // reporter sends it as it is (a figure checked and found right). A redelivery of the event
      // that first submitted it carries its first time, and changes nothing.
      if (RETURNED_STATUSES.includes(this.state.status) && submission.submittedAt.getTime() > this.state.submittedAt.getTime()) {
        Object.assign(this.state, { status: 'pending', assigneeId: null, claimedAt: null, submittedAt: submission.submittedAt } satisfies Partial<ReviewState>);
        return { kind: 'resubmitted' };
      }
      return { kind: 'ignored', reason: 'duplicate' };
    }
    if (submission.revision < currentRevision) return { kind: 'ignored', reason: 'stale' };
    // Drafting may have sent it before it heard of the kill (two topics): nothing to do, and no dead letter.
    if (this.state.status === 'killed') return { kind: 'ignored', reason: 'killed' };
    if (this.state.status === 'rejected') throw submissionAfterDecision(this.state.articleId, submission.revision, this.state.status);
    // A sub-edit by the editor who holds the story: they wrote these words, so it stays with them
    // and they may approve it. One by anyone else (it reached review after a take-over) is text the
    // editor holding it has not seen: back to the queue below, like a reporter's newer revision.
    if (submission.editedBy !== undefined && this.state.status === 'in_review' && submission.editedBy === this.state.assigneeId) {
      const edited = currentRevision;
      this.state.currentRevision = submission.revision;
      return { kind: 'sub-edited', diffAgainst: edited };
    }
    Object.assign(this.state, {
      status: 'pending',
      assigneeId: null,
      claimedAt: null,
      currentRevision: submission.revision,
      submittedAt: submission.submittedAt,
    } satisfies Partial<ReviewState>);
    return { kind: 'accepted', diffAgainst: this.state.reviewedRevision };
  }

  /**
   * Publishing killed the story: whatever stood in review (waiting, claimed, approved for a later
   * time, a newer revision of a live story), nothing more is claimed, noted or decided, and the
   * queue no longer shows it. Returns false when it was recorded already.
   */
  recordKill(): boolean {
    if (this.state.status === 'killed') return false;
    this.state.status = 'killed';
    return true;
  }

  /**
   * The reporter takes back a story still waiting in the queue (submitted too early, a fact to
   * check): it leaves the queue and is theirs to edit again, until they submit it once more.
   * Only its author (REVIEW.NOT_THE_AUTHOR, asked first), and only while no editor holds it:
   * once claimed, the editor decides (REVIEW.RECALL_TOO_LATE, naming them; they can send it back).
   *
   * `submission`, when given, is the one the reporter means (their desk's last submission): a
   * review holding another (the reporter's newest has not arrived over the event bus yet, so
   * this one is still an earlier, decided or recalled, submission) refuses with
   * REVIEW.SUBMISSION_NOT_CURRENT, which is worth asking again in a moment; without it, the
   * recall would answer for the wrong submission. Returns false when it was recalled already.
   */
  recall(reporterId: string, submission?: Submission): boolean {
    if (reporterId !== this.state.authorId) throw notTheAuthor();
    this.assertNotKilled();
    if (submission && (submission.revision !== this.state.currentRevision || submission.submittedAt.getTime() !== this.state.submittedAt.getTime())) {
      throw submissionNotCurrent(submission, { revision: this.state.currentRevision, submittedAt: this.state.submittedAt });
    }
    if (this.state.status === 'recalled') return false;
    if (this.state.status === 'in_review') throw recallTooLate(this.state.assigneeId);
    if (this.state.status !== 'pending') throw invalidTransition('recall the article', this.state.status);
    this.state.status = 'recalled';
    return true;
  }

  /**
   * Takes the article off the queue. Returns false when this editor already holds it.
   *
   * A story another editor holds is refused (REVIEW.ALREADY_CLAIMED) unless the claim says
   * `takeOver`: then it moves to this editor, as a desk does when the one reviewing has gone
   * home or is busy with breaking news. Any editor may take over, as any may claim; it has to be
   * asked for by name, so a claim never takes a story from under someone by accident, and the
   * editor who held it can no longer decide on it (REVIEW.NOT_ASSIGNED), since decisions are
   * serialised on the review's row.
   */
  claim(reviewer: Reviewer, at: Date, options: { takeOver?: boolean } = {}): boolean {
    this.assertNotKilled();
    if (this.isAuthor(reviewer)) throw selfReview();
    if (this.state.status === 'in_review') {
      if (this.state.assigneeId === reviewer.id) return false;
      if (!options.takeOver) throw alreadyClaimed(this.state.assigneeId ?? 'unknown');
      this.state.assigneeId = reviewer.id;
      this.state.claimedAt = at;
      return true;
    }
    if (this.state.status !== 'pending') throw invalidTransition('claim the article', this.state.status);
    this.state.status = 'in_review';
    this.state.assigneeId = reviewer.id;
    this.state.claimedAt = at;
    return true;
  }

  /**
   * Any editor may leave a note until the review is decided; it is about the revision under
   * review (`submitted`), or about one block of its body when `blockIndex` names one.
   */
  addComment(editorId: string, body: string, at: Date, anchor?: { blockIndex: number; submitted: SubmittedRevision }): ReviewComment {
    this.assertNotKilled();
    if (this.isFinal) throw reviewClosed(this.state.status);
    const blocks = anchor?.submitted.article.body.length ?? 0;
    if (anchor && anchor.blockIndex >= blocks) throw blockNotFound(anchor.blockIndex, blocks);
    const { articleId, currentRevision: revision } = this.state;
    return { id: randomUUID(), articleId, revision, editorId, body, blockIndex: anchor?.blockIndex ?? null, createdAt: at };
  }

  /** Sends the article back to its reporter; failing checks are no obstacle (they are usually why). */
  requestChanges(reviewer: Reviewer, note: string, at: Date): Decision {
    return { ...this.decide(reviewer, 'changes_requested', at), kind: 'changes_requested', note };
  }

  /** Turns the article down for good. */
  reject(reviewer: Reviewer, reason: string, at: Date): Decision {
    return { ...this.decide(reviewer, 'rejected', at), kind: 'rejected', reason };
  }

  /**
   * Nobody approves an article they wrote, whatever their role or the state of
   * the review: that is checked before anything else. The automated checks
   * run again on `submitted` (the revision under review, as submitted) rather
   * than trusting results stored earlier, so rules added since apply too; any
   * error blocks approval. The decision carries that text: it is what goes live.
   */
  approve(reviewer: Reviewer, submitted: SubmittedRevision, terms: ApprovalTerms, at: Date): Decision {
    this.assertNotKilled();
    if (this.isAuthor(reviewer)) throw selfApproval();
    const facts = this.decide(reviewer, 'approved', at, () => {
      if (submitted.revision !== this.state.currentRevision) {
        throw new Error(`approving revision ${submitted.revision} of ${this.state.articleId}, but revision ${this.state.currentRevision} is under review`);
      }
      const errors = blockingErrors(runEditorialChecks(submitted.article));
      if (errors.length > 0) throw blockingChecks(errors);
    });
    return { ...facts, kind: 'approved', authorId: this.state.authorId, terms, article: submitted.article };
  }

  /**
   * The one path of every decision: the author never decides, only an article
   * in review can be decided, and only by the editor who claimed it (or an
   * admin); `precondition` adds a decision's own rule before anything changes.
   */
  private decide(reviewer: Reviewer, kind: DecisionKind, at: Date, precondition?: () => void) {
    this.assertNotKilled();
    if (this.isAuthor(reviewer)) throw selfReview();
    if (this.state.status !== 'in_review') throw invalidTransition(DECISION_ACTIONS[kind], this.state.status);
    if (this.state.assigneeId !== reviewer.id && !reviewer.isAdmin) throw notAssigned(this.state.assigneeId);
    precondition?.();
    this.state.status = kind;
    this.state.reviewedRevision = this.state.currentRevision;
    this.state.decidedAt = at;
    return { articleId: this.state.articleId, revision: this.state.currentRevision, editorId: reviewer.id, decidedAt: at };
  }

  /** REVIEW.ARTICLE_KILLED: said first, as nothing else about a killed story matters any more. */
  private assertNotKilled(): void {
    if (this.state.status === 'killed') throw storyKilled(this.state.articleId);
  }

  private isAuthor(reviewer: Reviewer): boolean {
    return reviewer.id === this.state.authorId;
  }
}
