import { DomainError } from '@newsroom/contracts';
import type { CheckResult } from './editorial-checks';
import { Review, type Reviewer } from './review';
import type { ReviewStatus } from './review-status';

const AUTHOR = 'alice';
const bob: Reviewer = { id: 'bob', isAdmin: false };
const carol: Reviewer = { id: 'carol', isAdmin: false };
const admin: Reviewer = { id: 'root', isAdmin: true };
const authorAsEditor: Reviewer = { id: AUTHOR, isAdmin: false };
const authorAsAdmin: Reviewer = { id: AUTHOR, isAdmin: true };
const at = new Date('2025-11-21T10:00:00Z');
const later = new Date('2025-11-21T11:00:00Z');

const blocking: CheckResult = { code: 'STANDFIRST_MISSING', severity: 'error', message: 'no standfirst', path: 'standfirst' };
const warning: CheckResult = { code: 'DATELINE_MISSING', severity: 'warning', message: 'no dateline', path: 'dateline' };

function pending(): Review {
  return Review.open('5f0c1c9e-54a4-4a43-a7a1-6a0e0c1a2b3c', AUTHOR, { revision: 1, submittedAt: at });
}

function claimedBy(reviewer: Reviewer = bob): Review {
  const review = pending();
  review.claim(reviewer, at);
  return review;
}

function inStatus(status: ReviewStatus): Review {
  const review = claimedBy(bob);
  if (status === 'pending') return pending();
  if (status === 'changes_requested') review.requestChanges(bob, at);
  if (status === 'approved') review.approve(bob, [], at);
  if (status === 'rejected') review.reject(bob, at);
  return review;
}

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

describe(Review.name, () => {
  it('opens in the queue with the submitted revision', () => {
    expect(pending().state).toEqual({
      articleId: expect.any(String),
      authorId: AUTHOR,
      status: 'pending',
      assigneeId: null,
      currentRevision: 1,
      reviewedRevision: null,
      submittedAt: at,
      claimedAt: null,
      decidedAt: null,
    });
  });

  describe('claim', () => {
    it('moves a pending article to in_review, assigned to the editor', () => {
      const review = pending();
      expect(review.claim(bob, later)).toBe(true);
      expect(review.state).toMatchObject({ status: 'in_review', assigneeId: 'bob', claimedAt: later });
    });

    it('is idempotent for the editor who holds it', () => {
      const review = claimedBy(bob);
      expect(review.claim(bob, later)).toBe(false);
      expect(review.state).toMatchObject({ status: 'in_review', assigneeId: 'bob', claimedAt: at });
    });

    it('refuses a second editor with REVIEW.ALREADY_CLAIMED (409)', () => {
      const error = errorOf(() => claimedBy(bob).claim(carol, later));
      expect(error).toMatchObject({ code: 'REVIEW.ALREADY_CLAIMED', kind: 'conflict', details: { assigneeId: 'bob' } });
    });

    it('refuses an admin too while another editor holds it', () => {
      expect(errorOf(() => claimedBy(bob).claim(admin, later)).code).toBe('REVIEW.ALREADY_CLAIMED');
    });

    it.each([authorAsEditor, authorAsAdmin])('refuses the author with ARTICLE.SELF_REVIEW (403)', (author) => {
      const review = pending();
      expect(errorOf(() => review.claim(author, at))).toMatchObject({ code: 'ARTICLE.SELF_REVIEW', kind: 'forbidden' });
      expect(review.state.status).toBe('pending');
    });

    it.each<ReviewStatus>(['changes_requested', 'approved', 'rejected'])('is an invalid transition from %s', (status) => {
      const error = errorOf(() => inStatus(status).claim(carol, later));
      expect(error).toMatchObject({ code: 'REVIEW.INVALID_TRANSITION', kind: 'conflict', details: { status } });
    });
  });

  describe('approve', () => {
    it('approves an article in review for the assigned editor', () => {
      const review = claimedBy(bob);
      review.approve(bob, [warning], later);
      expect(review.state).toMatchObject({ status: 'approved', assigneeId: 'bob', reviewedRevision: 1, decidedAt: later });
    });

    it('lets an admin approve an article someone else claimed', () => {
      const review = claimedBy(bob);
      review.approve(admin, [], later);
      expect(review.state.status).toBe('approved');
    });

    it('refuses an editor who did not claim it with REVIEW.NOT_ASSIGNED (403)', () => {
      const error = errorOf(() => claimedBy(bob).approve(carol, [], later));
      expect(error).toMatchObject({ code: 'REVIEW.NOT_ASSIGNED', kind: 'forbidden', details: { assigneeId: 'bob' } });
    });

    it('is blocked by failing checks with REVIEW.BLOCKING_CHECKS (409) listing them', () => {
      const review = claimedBy(bob);
      const error = errorOf(() => review.approve(bob, [warning, blocking], later));
      expect(error).toMatchObject({ code: 'REVIEW.BLOCKING_CHECKS', kind: 'conflict', details: [blocking] });
      expect(review.state.status).toBe('in_review');
    });

    it('is not blocked by warnings alone', () => {
      const review = claimedBy(bob);
      review.approve(bob, [warning, warning], later);
      expect(review.state.status).toBe('approved');
    });

    it.each<ReviewStatus>(['pending', 'changes_requested', 'approved', 'rejected'])('is an invalid transition from %s', (status) => {
      expect(errorOf(() => inStatus(status).approve(bob, [], later)).code).toBe('REVIEW.INVALID_TRANSITION');
    });

    describe('by the author', () => {
      it.each<ReviewStatus>(['pending', 'in_review', 'changes_requested', 'approved', 'rejected'])(
        'is ARTICLE.SELF_APPROVAL (403) before any state check, from %s',
        (status) => {
          const error = errorOf(() => inStatus(status).approve(authorAsEditor, [blocking], later));
          expect(error).toMatchObject({ code: 'ARTICLE.SELF_APPROVAL', kind: 'forbidden' });
        },
      );

      it('is refused for an admin who wrote it', () => {
        const review = claimedBy(bob);
        expect(errorOf(() => review.approve(authorAsAdmin, [], later)).code).toBe('ARTICLE.SELF_APPROVAL');
        expect(review.state.status).toBe('in_review');
      });

      it('wins over failing checks and the claim check', () => {
        expect(errorOf(() => claimedBy(bob).approve(authorAsEditor, [blocking], later)).code).toBe('ARTICLE.SELF_APPROVAL');
      });
    });
  });

  describe('request changes', () => {
    it('sends the article back to the reporter and remembers the reviewed revision', () => {
      const review = claimedBy(bob);
      review.requestChanges(bob, later);
      expect(review.state).toMatchObject({ status: 'changes_requested', reviewedRevision: 1, decidedAt: later });
    });

    it('is not blocked by failing checks (that is usually why it happens)', () => {
      const review = claimedBy(bob);
      review.requestChanges(bob, later);
      expect(review.state.status).toBe('changes_requested');
    });

    it('is for the assigned editor or an admin', () => {
      expect(errorOf(() => claimedBy(bob).requestChanges(carol, later)).code).toBe('REVIEW.NOT_ASSIGNED');
      const review = claimedBy(bob);
      review.requestChanges(admin, later);
      expect(review.state.status).toBe('changes_requested');
    });

    it('is refused to an admin who wrote the article', () => {
      expect(errorOf(() => claimedBy(bob).requestChanges(authorAsAdmin, later)).code).toBe('ARTICLE.SELF_REVIEW');
    });

    it.each<ReviewStatus>(['pending', 'changes_requested', 'approved', 'rejected'])('is an invalid transition from %s', (status) => {
      expect(errorOf(() => inStatus(status).requestChanges(bob, later)).code).toBe('REVIEW.INVALID_TRANSITION');
    });
  });

  describe('reject', () => {
    it('ends the review', () => {
      const review = claimedBy(bob);
      review.reject(bob, later);
      expect(review.state).toMatchObject({ status: 'rejected', decidedAt: later, reviewedRevision: 1 });
      expect(review.isFinal).toBe(true);
    });

    it('is for the assigned editor or an admin', () => {
      expect(errorOf(() => claimedBy(bob).reject(carol, later)).code).toBe('REVIEW.NOT_ASSIGNED');
      const review = claimedBy(bob);
      review.reject(admin, later);
      expect(review.state.status).toBe('rejected');
    });

    it('is refused to an admin who wrote the article', () => {
      expect(errorOf(() => claimedBy(bob).reject(authorAsAdmin, later)).code).toBe('ARTICLE.SELF_REVIEW');
    });

    it.each<ReviewStatus>(['pending', 'changes_requested', 'approved', 'rejected'])('is an invalid transition from %s', (status) => {
      expect(errorOf(() => inStatus(status).reject(bob, later)).code).toBe('REVIEW.INVALID_TRANSITION');
    });
  });

  describe('comments', () => {
    it.each<ReviewStatus>(['pending', 'in_review', 'changes_requested'])('are allowed while %s', (status) => {
      expect(() => inStatus(status).assertCanComment()).not.toThrow();
    });

    it.each<ReviewStatus>(['approved', 'rejected'])('are refused once %s with REVIEW.CLOSED (409)', (status) => {
      expect(errorOf(() => inStatus(status).assertCanComment())).toMatchObject({ code: 'REVIEW.CLOSED', kind: 'conflict' });
    });
  });

  describe('receiving a submission', () => {
    it('accepts a resubmission after changes were requested: back to the queue, compared with the reviewed revision', () => {
      const review = inStatus('changes_requested');
      expect(review.receiveSubmission({ revision: 3, submittedAt: later })).toEqual({ kind: 'accepted', diffAgainst: 1 });
      expect(review.state).toMatchObject({
        status: 'pending',
        assigneeId: null,
        claimedAt: null,
        currentRevision: 3,
        reviewedRevision: 1,
        submittedAt: later,
      });
    });

    it('ignores the revision it already has (a redelivery)', () => {
      const review = inStatus('changes_requested');
      const before = structuredClone(review.state);
      expect(review.receiveSubmission({ revision: 1, submittedAt: later })).toEqual({ kind: 'ignored', reason: 'duplicate' });
      expect(review.state).toEqual(before);
    });

    it('ignores an older revision arriving late', () => {
      const review = inStatus('changes_requested');
      review.receiveSubmission({ revision: 3, submittedAt: later });
      const before = structuredClone(review.state);
      expect(review.receiveSubmission({ revision: 2, submittedAt: later })).toEqual({ kind: 'ignored', reason: 'stale' });
      expect(review.state).toEqual(before);
    });

    it.each<ReviewStatus>(['approved', 'rejected'])('refuses a new revision once %s (non-retriable DomainError)', (status) => {
      const error = errorOf(() => inStatus(status).receiveSubmission({ revision: 2, submittedAt: later }));
      expect(error).toMatchObject({ code: 'REVIEW.ALREADY_DECIDED', kind: 'conflict', details: { status, revision: 2 } });
    });

    it.each<ReviewStatus>(['approved', 'rejected'])('still ignores a redelivered revision once %s', (status) => {
      expect(inStatus(status).receiveSubmission({ revision: 1, submittedAt: later })).toEqual({ kind: 'ignored', reason: 'duplicate' });
    });

    it('puts an article being reviewed back in the queue when a newer revision replaces it', () => {
      const review = claimedBy(bob);
      expect(review.receiveSubmission({ revision: 2, submittedAt: later })).toEqual({ kind: 'accepted', diffAgainst: null });
      expect(review.state).toMatchObject({ status: 'pending', assigneeId: null, currentRevision: 2 });
      expect(errorOf(() => review.approve(bob, [], later)).code).toBe('REVIEW.INVALID_TRANSITION');
    });

    it('keeps comparing with the last reviewed revision over several resubmissions', () => {
      const review = inStatus('changes_requested');
      review.receiveSubmission({ revision: 2, submittedAt: later });
      review.claim(carol, later);
      review.requestChanges(carol, later);
      expect(review.receiveSubmission({ revision: 4, submittedAt: later })).toEqual({ kind: 'accepted', diffAgainst: 2 });
    });
  });
});
