import { DomainError } from '@newsroom/contracts';
import { article, articleWithBlockingErrors } from '../../../test/article.fixtures';
import { Review, type Reviewer } from './review';
import type { ApprovalTerms, SubmittedRevision } from './review-decision';
import type { ReviewStatus } from './review-status';

const AUTHOR = 'alice';
const bob: Reviewer = { id: 'bob', isAdmin: false };
const carol: Reviewer = { id: 'carol', isAdmin: false };
const admin: Reviewer = { id: 'root', isAdmin: true };
const authorAsEditor: Reviewer = { id: AUTHOR, isAdmin: false };
const authorAsAdmin: Reviewer = { id: AUTHOR, isAdmin: true };
const at = new Date('2025-11-21T10:00:00Z');
const later = new Date('2025-11-21T11:00:00Z');

const terms: ApprovalTerms = { publishAt: null, embargoUntil: null, priority: 'normal' };
/** Revision 1 as submitted: clean, or with an error-level check (blocks approval), or with warnings only. */
const clean: SubmittedRevision = { revision: 1, article: article() };
const blocking: SubmittedRevision = { revision: 1, article: articleWithBlockingErrors() };
const warningsOnly: SubmittedRevision = { revision: 1, article: article({ dateline: undefined, headline: 'A'.repeat(120) }) };

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
  if (status === 'changes_requested') review.requestChanges(bob, 'Attribute the quote.', at);
  if (status === 'approved') review.approve(bob, clean, terms, at);
  if (status === 'rejected') review.reject(bob, 'Covered yesterday.', at);
  if (status === 'killed') review.recordKill();
  if (status === 'recalled') {
    const waiting = pending();
    waiting.recall(AUTHOR);
    return waiting;
  }
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
    expect(pending().snapshot()).toEqual({
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

  describe('recall', () => {
    it('takes a story waiting in the queue back to its reporter', () => {
      const review = pending();
      expect(review.recall(AUTHOR)).toBe(true);
      expect(review.snapshot()).toMatchObject({ status: 'recalled', assigneeId: null, currentRevision: 1 });
      expect(review.recall(AUTHOR)).toBe(false); // again: nothing changes
    });

    it('is only for the reporter who wrote it, editors and admins included', () => {
      for (const someone of [bob.id, admin.id]) {
        const review = pending();
        expect(errorOf(() => review.recall(someone))).toMatchObject({ code: 'REVIEW.NOT_THE_AUTHOR', kind: 'forbidden' });
        expect(review.status).toBe('pending');
      }
    });

    it('is too late once an editor holds it, and names them', () => {
      const review = claimedBy(bob);
      expect(errorOf(() => review.recall(AUTHOR))).toMatchObject({ code: 'REVIEW.RECALL_TOO_LATE', kind: 'conflict', details: { assigneeId: 'bob' } });
      expect(review.snapshot()).toMatchObject({ status: 'in_review', assigneeId: 'bob' });
    });

    it.each<ReviewStatus>(['changes_requested', 'approved', 'rejected'])('is an invalid transition once %s', (status) => {
      expect(errorOf(() => inStatus(status).recall(AUTHOR))).toMatchObject({ code: 'REVIEW.INVALID_TRANSITION', details: { status } });
    });

    it('is refused for a killed story, to its reporter; anyone else hears only that it is not theirs', () => {
      const review = pending();
      review.recordKill();
      expect(errorOf(() => review.recall(AUTHOR)).code).toBe('REVIEW.ARTICLE_KILLED');
      expect(errorOf(() => review.recall(bob.id)).code).toBe('REVIEW.NOT_THE_AUTHOR');
    });

    it('recalls the submission it names, and refuses one it does not hold yet (worth asking again)', () => {
      const review = pending();
      const error = errorOf(() => review.recall(AUTHOR, { revision: 2, submittedAt: later }));
      expect(error).toMatchObject({ code: 'REVIEW.SUBMISSION_NOT_CURRENT', kind: 'conflict', details: { revision: 1, submittedAt: at.toISOString() } });
      expect(errorOf(() => review.recall(AUTHOR, { revision: 1, submittedAt: later })).code).toBe('REVIEW.SUBMISSION_NOT_CURRENT');
      expect(review.status).toBe('pending');
      expect(review.recall(AUTHOR, { revision: 1, submittedAt: new Date(at) })).toBe(true);
    });

    it('does not take a recall of a resubmission for the recall before it: that one has not arrived yet', () => {
      const review = inStatus('recalled');
      // the reporter submitted the same revision again and recalls it before the queue has it
      expect(errorOf(() => review.recall(AUTHOR, { revision: 1, submittedAt: later })).code).toBe('REVIEW.SUBMISSION_NOT_CURRENT');
      review.receiveSubmission({ revision: 1, submittedAt: later });
      expect(review.recall(AUTHOR, { revision: 1, submittedAt: later })).toBe(true);
      expect(review.status).toBe('recalled');
    });

    it('leaves nothing to claim or decide until the reporter submits again, and a newer revision puts it back', () => {
      const review = inStatus('recalled');
      expect(errorOf(() => review.claim(bob, later)).code).toBe('REVIEW.INVALID_TRANSITION');
      expect(errorOf(() => review.approve(bob, clean, terms, later)).code).toBe('REVIEW.INVALID_TRANSITION');
      expect(review.receiveSubmission({ revision: 2, submittedAt: later })).toEqual({ kind: 'accepted', diffAgainst: null });
      expect(review.snapshot()).toMatchObject({ status: 'pending', currentRevision: 2 });
    });
  });

  describe('claim', () => {
    it('moves a pending article to in_review, assigned to the editor', () => {
      const review = pending();
      expect(review.claim(bob, later)).toBe(true);
      expect(review.snapshot()).toMatchObject({ status: 'in_review', assigneeId: 'bob', claimedAt: later });
    });

    it('is idempotent for the editor who holds it', () => {
      const review = claimedBy(bob);
      expect(review.claim(bob, later)).toBe(false);
      expect(review.snapshot()).toMatchObject({ status: 'in_review', assigneeId: 'bob', claimedAt: at });
    });

    it('refuses a second editor with REVIEW.ALREADY_CLAIMED (409)', () => {
      const error = errorOf(() => claimedBy(bob).claim(carol, later));
      expect(error).toMatchObject({ code: 'REVIEW.ALREADY_CLAIMED', kind: 'conflict', details: { assigneeId: 'bob' } });
    });

    it('refuses an admin too while another editor holds it', () => {
      expect(errorOf(() => claimedBy(bob).claim(admin, later)).code).toBe('REVIEW.ALREADY_CLAIMED');
    });

    it('moves a story another editor holds to the editor who asks to take it over, from then on', () => {
      const review = claimedBy(bob);
      expect(review.claim(carol, later, { takeOver: true })).toBe(true);
      expect(review.snapshot()).toMatchObject({ status: 'in_review', assigneeId: 'carol', claimedAt: later });
      // The editor who held it can no longer decide; the one who took it over can.
      expect(errorOf(() => review.approve(bob, clean, terms, later))).toMatchObject({ code: 'REVIEW.NOT_ASSIGNED', details: { assigneeId: 'carol' } });
      expect(review.approve(carol, clean, terms, later)).toMatchObject({ kind: 'approved', editorId: 'carol' });
    });

    it('takes over for an admin as for any editor, and is a plain claim of a story waiting', () => {
      const held = claimedBy(bob);
      expect(held.claim(admin, later, { takeOver: true })).toBe(true);
      expect(held.snapshot().assigneeId).toBe(admin.id);
      const waiting = pending();
      expect(waiting.claim(carol, later, { takeOver: true })).toBe(true);
      expect(waiting.snapshot()).toMatchObject({ status: 'in_review', assigneeId: 'carol' });
    });

    it('changes nothing when the editor who holds it asks to take it over', () => {
      const review = claimedBy(bob);
      expect(review.claim(bob, later, { takeOver: true })).toBe(false);
      expect(review.snapshot()).toMatchObject({ assigneeId: 'bob', claimedAt: at });
    });

    it.each([authorAsEditor, authorAsAdmin])('refuses the author a take-over with ARTICLE.SELF_REVIEW (403)', (author) => {
      const review = claimedBy(bob);
      expect(errorOf(() => review.claim(author, later, { takeOver: true }))).toMatchObject({ code: 'ARTICLE.SELF_REVIEW' });
      expect(review.snapshot().assigneeId).toBe('bob');
    });

    it.each<ReviewStatus>(['changes_requested', 'approved', 'rejected'])('takes nothing over from a story that is %s', (status) => {
      const review = inStatus(status);
      expect(errorOf(() => review.claim(carol, later, { takeOver: true }))).toMatchObject({ code: 'REVIEW.INVALID_TRANSITION' });
      expect(review.status).toBe(status);
    });

    it('takes nothing over from a killed story', () => {
      const review = claimedBy(bob);
      review.recordKill();
      expect(errorOf(() => review.claim(carol, later, { takeOver: true })).code).toBe('REVIEW.ARTICLE_KILLED');
    });

    it.each([authorAsEditor, authorAsAdmin])('refuses the author with ARTICLE.SELF_REVIEW (403)', (author) => {
      const review = pending();
      expect(errorOf(() => review.claim(author, at))).toMatchObject({ code: 'ARTICLE.SELF_REVIEW', kind: 'forbidden' });
      expect(review.status).toBe('pending');
    });

    it.each<ReviewStatus>(['changes_requested', 'approved', 'rejected'])('is an invalid transition from %s', (status) => {
      const error = errorOf(() => inStatus(status).claim(carol, later));
      expect(error).toMatchObject({ code: 'REVIEW.INVALID_TRANSITION', kind: 'conflict', details: { status } });
    });
  });

  describe('approve', () => {
    it('approves an article in review for the assigned editor, carrying the submitted text and terms', () => {
      const review = claimedBy(bob);
      const breaking: ApprovalTerms = { publishAt: later, embargoUntil: null, priority: 'breaking' };
      expect(review.approve(bob, clean, breaking, later)).toEqual({
        kind: 'approved',
        articleId: review.articleId,
        revision: 1,
        editorId: 'bob',
        authorId: AUTHOR,
        decidedAt: later,
        terms: breaking,
        article: clean.article,
      });
      expect(review.snapshot()).toMatchObject({ status: 'approved', assigneeId: 'bob', reviewedRevision: 1, decidedAt: later });
    });

    it('lets an admin approve an article someone else claimed', () => {
      const review = claimedBy(bob);
      expect(review.approve(admin, clean, terms, later)).toMatchObject({ kind: 'approved', editorId: 'root' });
      expect(review.status).toBe('approved');
    });

    it('refuses an editor who did not claim it with REVIEW.NOT_ASSIGNED (403)', () => {
      const error = errorOf(() => claimedBy(bob).approve(carol, clean, terms, later));
      expect(error).toMatchObject({ code: 'REVIEW.NOT_ASSIGNED', kind: 'forbidden', details: { assigneeId: 'bob' } });
    });

    it('runs the checks on the submitted text: an error blocks with REVIEW.BLOCKING_CHECKS (409) listing them', () => {
      const review = claimedBy(bob);
      const error = errorOf(() => review.approve(bob, blocking, terms, later));
      expect(error).toMatchObject({ code: 'REVIEW.BLOCKING_CHECKS', kind: 'conflict' });
      expect((error.details as { code: string; severity: string }[]).map((d) => [d.code, d.severity])).toEqual([
        ['UNSAFE_LINK', 'error'],
        ['QUOTE_WITHOUT_ATTRIBUTION', 'error'],
      ]);
      expect(review.status).toBe('in_review');
    });

    it('is not blocked by warnings alone', () => {
      const review = claimedBy(bob);
      review.approve(bob, warningsOnly, terms, later);
      expect(review.status).toBe('approved');
    });

    it('refuses to approve any text but the revision under review', () => {
      const review = claimedBy(bob);
      expect(() => review.approve(bob, { ...clean, revision: 2 }, terms, later)).toThrow(/revision 1 is under review/);
      expect(review.status).toBe('in_review');
    });

    it.each<ReviewStatus>(['pending', 'changes_requested', 'approved', 'rejected'])('is an invalid transition from %s', (status) => {
      expect(errorOf(() => inStatus(status).approve(bob, clean, terms, later)).code).toBe('REVIEW.INVALID_TRANSITION');
    });

    describe('by the author', () => {
      it.each<ReviewStatus>(['pending', 'in_review', 'changes_requested', 'approved', 'rejected'])(
        'is ARTICLE.SELF_APPROVAL (403) before any state check, from %s',
        (status) => {
          const error = errorOf(() => inStatus(status).approve(authorAsEditor, blocking, terms, later));
          expect(error).toMatchObject({ code: 'ARTICLE.SELF_APPROVAL', kind: 'forbidden' });
        },
      );

      it('is refused for an admin who wrote it', () => {
        const review = claimedBy(bob);
        expect(errorOf(() => review.approve(authorAsAdmin, clean, terms, later)).code).toBe('ARTICLE.SELF_APPROVAL');
        expect(review.status).toBe('in_review');
      });

      it('wins over failing checks and the claim check', () => {
        expect(errorOf(() => claimedBy(bob).approve(authorAsEditor, blocking, terms, later)).code).toBe('ARTICLE.SELF_APPROVAL');
      });
    });
  });

  // Requesting changes and rejecting share the decision rules; only the outcome differs.
  describe.each([
    { action: 'request changes', status: 'changes_requested', decide: (r: Review, by: Reviewer) => r.requestChanges(by, 'Attribute the quote.', later) },
    { action: 'reject', status: 'rejected', decide: (r: Review, by: Reviewer) => r.reject(by, 'Covered yesterday.', later) },
  ] as const)('$action', ({ status, decide }) => {
    it('decides on the revision under review and remembers it', () => {
      const review = claimedBy(bob);
      expect(decide(review, bob)).toMatchObject({ kind: status, articleId: review.articleId, revision: 1, editorId: 'bob', decidedAt: later });
      expect(review.snapshot()).toMatchObject({ status, reviewedRevision: 1, decidedAt: later });
    });

    it('is not blocked by failing checks (they are usually why it happens)', () => {
      const review = claimedBy(bob);
      decide(review, bob);
      expect(review.status).toBe(status);
    });

    it('is for the assigned editor (else REVIEW.NOT_ASSIGNED) or an admin', () => {
      expect(errorOf(() => decide(claimedBy(bob), carol)).code).toBe('REVIEW.NOT_ASSIGNED');
      const review = claimedBy(bob);
      decide(review, admin);
      expect(review.status).toBe(status);
    });

    it('is refused to an admin who wrote the article with ARTICLE.SELF_REVIEW', () => {
      expect(errorOf(() => decide(claimedBy(bob), authorAsAdmin)).code).toBe('ARTICLE.SELF_REVIEW');
    });

    it.each<ReviewStatus>(['pending', 'changes_requested', 'approved', 'rejected'])('is an invalid transition from %s', (from) => {
      expect(errorOf(() => decide(inStatus(from), bob)).code).toBe('REVIEW.INVALID_TRANSITION');
    });
  });

  it('carries the note of a change request and the reason of a rejection', () => {
    expect(claimedBy(bob).requestChanges(bob, 'Attribute the quote.', later)).toMatchObject({ kind: 'changes_requested', note: 'Attribute the quote.' });
    expect(claimedBy(bob).reject(bob, 'Covered yesterday.', later)).toMatchObject({ kind: 'rejected', reason: 'Covered yesterday.' });
  });

  it('ends the review with a rejection or an approval, not with a change request', () => {
    expect(inStatus('rejected').isFinal).toBe(true);
    expect(inStatus('approved').isFinal).toBe(true);
    expect(inStatus('changes_requested').isFinal).toBe(false);
  });

  describe('comments', () => {
    it.each<ReviewStatus>(['pending', 'in_review', 'changes_requested'])('are allowed while %s, about the revision under review', (status) => {
      expect(inStatus(status).addComment('carol', 'Who said it?', later)).toEqual({
        id: expect.any(String),
        articleId: expect.any(String),
        revision: 1,
        editorId: 'carol',
        body: 'Who said it?',
        blockIndex: null,
        createdAt: later,
      });
    });

    it.each<ReviewStatus>(['approved', 'rejected'])('are refused once %s with REVIEW.CLOSED (409)', (status) => {
      expect(errorOf(() => inStatus(status).addComment('carol', 'Too late?', later))).toMatchObject({ code: 'REVIEW.CLOSED', kind: 'conflict' });
    });
  });

  describe('receiving a submission', () => {
    it('accepts a resubmission after changes were requested: back to the queue, compared with the reviewed revision', () => {
      const review = inStatus('changes_requested');
      expect(review.receiveSubmission({ revision: 3, submittedAt: later })).toEqual({ kind: 'accepted', diffAgainst: 1 });
      expect(review.snapshot()).toMatchObject({
        status: 'pending',
        assigneeId: null,
        claimedAt: null,
        currentRevision: 3,
        reviewedRevision: 1,
        submittedAt: later,
      });
    });

    it.each<ReviewStatus>(['changes_requested', 'recalled'])('ignores the revision it already has, as first submitted (a redelivery), once %s', (status) => {
      const review = inStatus(status);
      const before = review.snapshot();
      expect(review.receiveSubmission({ revision: 1, submittedAt: at })).toEqual({ kind: 'ignored', reason: 'duplicate' });
      expect(review.snapshot()).toEqual(before);
    });

    it.each<ReviewStatus>(['changes_requested', 'recalled'])('puts the same revision submitted again later back in the queue, once %s', (status) => {
      const review = inStatus(status);
      expect(review.receiveSubmission({ revision: 1, submittedAt: later })).toEqual({ kind: 'resubmitted' });
      expect(review.snapshot()).toMatchObject({ status: 'pending', assigneeId: null, claimedAt: null, currentRevision: 1, submittedAt: later });
      // and it can be claimed and decided again
      expect(review.claim(carol, later)).toBe(true);
      expect(review.approve(carol, clean, terms, later)).toMatchObject({ kind: 'approved', revision: 1 });
    });

    it.each<ReviewStatus>(['pending', 'in_review'])('takes the same revision submitted again later as a redelivery while %s', (status) => {
      const review = status === 'pending' ? pending() : claimedBy(bob);
      const before = review.snapshot();
      expect(review.receiveSubmission({ revision: 1, submittedAt: later })).toEqual({ kind: 'ignored', reason: 'duplicate' });
      expect(review.snapshot()).toEqual(before);
    });

    it('ignores an older revision arriving late', () => {
      const review = inStatus('changes_requested');
      review.receiveSubmission({ revision: 3, submittedAt: later });
      const before = review.snapshot();
      expect(review.receiveSubmission({ revision: 2, submittedAt: later })).toEqual({ kind: 'ignored', reason: 'stale' });
      expect(review.snapshot()).toEqual(before);
    });

    it('refuses a new revision once rejected (non-retriable DomainError)', () => {
      const error = errorOf(() => inStatus('rejected').receiveSubmission({ revision: 2, submittedAt: later }));
      expect(error).toMatchObject({ code: 'REVIEW.ALREADY_DECIDED', kind: 'conflict', details: { status: 'rejected', revision: 2 } });
    });

    it('puts a newer revision of an approved article (an update of a live story) back in the queue, compared with the approved text', () => {
      const review = inStatus('approved');
      expect(review.receiveSubmission({ revision: 2, submittedAt: later })).toEqual({ kind: 'accepted', diffAgainst: 1 });
      expect(review.snapshot()).toMatchObject({ status: 'pending', assigneeId: null, currentRevision: 2, reviewedRevision: 1 });
    });

    it.each<ReviewStatus>(['approved', 'rejected'])('still ignores a redelivered revision once %s', (status) => {
      expect(inStatus(status).receiveSubmission({ revision: 1, submittedAt: later })).toEqual({ kind: 'ignored', reason: 'duplicate' });
    });

    it('puts an article being reviewed back in the queue when a newer revision replaces it', () => {
      const review = claimedBy(bob);
      expect(review.receiveSubmission({ revision: 2, submittedAt: later })).toEqual({ kind: 'accepted', diffAgainst: null });
      expect(review.snapshot()).toMatchObject({ status: 'pending', assigneeId: null, currentRevision: 2 });
      expect(errorOf(() => review.approve(bob, { ...clean, revision: 2 }, terms, later)).code).toBe('REVIEW.INVALID_TRANSITION');
    });

    it('keeps comparing with the last reviewed revision over several resubmissions', () => {
      const review = inStatus('changes_requested');
      review.receiveSubmission({ revision: 2, submittedAt: later });
      review.claim(carol, later);
      review.requestChanges(carol, 'Tighten the standfirst.', later);
      expect(review.receiveSubmission({ revision: 4, submittedAt: later })).toEqual({ kind: 'accepted', diffAgainst: 2 });
    });
  });

  describe('a sub-edit (the editor holding the story edited its text)', () => {
    it('keeps the story in review with that editor, the edited revision under review, compared with the one edited', () => {
      const review = claimedBy(bob);
      expect(review.receiveSubmission({ revision: 2, submittedAt: later, editedBy: 'bob' })).toEqual({ kind: 'sub-edited', diffAgainst: 1 });
      expect(review.snapshot()).toMatchObject({ status: 'in_review', assigneeId: 'bob', claimedAt: at, currentRevision: 2, submittedAt: at, reviewedRevision: null });
      // The editor approves the words as they edited them.
      expect(review.approve(bob, { ...clean, revision: 2 }, terms, later)).toMatchObject({ kind: 'approved', revision: 2 });
    });

    it('puts the story back in the queue when another editor’s edit arrives after a take-over: nobody approves words unseen', () => {
      const review = claimedBy(bob);
      review.claim(carol, later, { takeOver: true });
      expect(review.receiveSubmission({ revision: 2, submittedAt: later, editedBy: 'bob' })).toEqual({ kind: 'accepted', diffAgainst: null });
      expect(review.snapshot()).toMatchObject({ status: 'pending', assigneeId: null, currentRevision: 2 });
      expect(errorOf(() => review.approve(carol, { ...clean, revision: 2 }, terms, later)).code).toBe('REVIEW.INVALID_TRANSITION');
    });

    it.each<ReviewStatus>(['pending', 'changes_requested', 'approved'])('treats an editor’s revision arriving once %s like any newer one', (status) => {
      const review = inStatus(status);
      expect(review.receiveSubmission({ revision: 2, submittedAt: later, editedBy: 'bob' })).toMatchObject({ kind: 'accepted' });
      expect(review.status).toBe('pending');
    });

    it('ignores a sub-edit delivered again', () => {
      const review = claimedBy(bob);
      review.receiveSubmission({ revision: 2, submittedAt: later, editedBy: 'bob' });
      const before = review.snapshot();
      expect(review.receiveSubmission({ revision: 2, submittedAt: later, editedBy: 'bob' })).toEqual({ kind: 'ignored', reason: 'duplicate' });
      expect(review.snapshot()).toEqual(before);
    });

    it('takes nothing once the story was killed', () => {
      const review = claimedBy(bob);
      review.recordKill();
      expect(review.receiveSubmission({ revision: 2, submittedAt: later, editedBy: 'bob' })).toEqual({ kind: 'ignored', reason: 'killed' });
    });
  });

  describe('a kill (publishing killed the story)', () => {
    it.each(['pending', 'in_review', 'changes_requested', 'approved', 'rejected'] as const)('closes a review that was %s, once', (status) => {
      const review = inStatus(status);
      expect(review.recordKill()).toBe(true);
      expect(review.status).toBe('killed');
      expect(review.isFinal).toBe(true);
      expect(review.recordKill()).toBe(false);
    });

    it('refuses every action after it with REVIEW.ARTICLE_KILLED, before any other rule', () => {
      const review = inStatus('killed');
      const actions: [string, () => unknown][] = [
        ['claim', () => review.claim(carol, later)],
        ['approve', () => review.approve(bob, clean, terms, later)],
        ['approve, as its author', () => review.approve(authorAsAdmin, clean, terms, later)],
        ['request changes', () => review.requestChanges(bob, 'Tighten it.', later)],
        ['reject', () => review.reject(bob, 'No.', later)],
        ['comment', () => review.addComment('carol', 'A note.', later)],
      ];
      for (const [name, action] of actions) expect([name, errorOf(action).code]).toEqual([name, 'REVIEW.ARTICLE_KILLED']);
      expect(review.status).toBe('killed');
    });

    it('takes no newer revision, without refusing one drafting sent before it heard of the kill', () => {
      const review = inStatus('killed');
      expect(review.receiveSubmission({ revision: 2, submittedAt: later })).toEqual({ kind: 'ignored', reason: 'killed' });
      expect(review.status).toBe('killed');
      expect(review.currentRevision).toBe(1);
      expect(review.receiveSubmission({ revision: 1, submittedAt: later })).toEqual({ kind: 'ignored', reason: 'duplicate' });
    });
  });
});
