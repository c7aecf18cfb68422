import { randomUUID } from 'node:crypto';
import type { ReviewStatus } from '../src/reviews/domain/review-status';
import { refusal } from '@newsroom/testing';
import { authorAsAdmin, authorAsEditor, bob, carol, root, type Acting, type ReviewFixtures } from './review.fixtures';

export interface DecisionUnderTest {
  /** The fixtures of the spec's testbed (read once the testbed has started). */
  fixtures(): ReviewFixtures;
  /** Runs the use case: `acting` decides on `articleId`. */
  decide(acting: Acting, articleId: string): Promise<unknown>;
  /** The status the decision leaves the review in. */
  outcome: ReviewStatus;
  /** What the author is refused with: ARTICLE.SELF_REVIEW, or ARTICLE.SELF_APPROVAL for an approval. */
  authorRefusal: string;
}

/**
 * The rules every decision shares (request changes, reject, approve go
 * through one flow and one set of rules in the Review): who may decide, from
 * which state, and that a refused decision leaves no trace. Each decision's
 * spec calls this once, next to the tests of what is its own.
 */
export function itFollowsTheDecisionRules(decision: DecisionUnderTest): void {
  const { decide, outcome, authorRefusal } = decision;

  it('refuses an editor who did not claim the article with REVIEW.NOT_ASSIGNED, storing and announcing nothing', async () => {
    const fixtures = decision.fixtures();
    const articleId = await fixtures.inStatus('in_review');
    expect(await refusal(decide(carol, articleId))).toMatchObject({ code: 'REVIEW.NOT_ASSIGNED', kind: 'forbidden', details: { assigneeId: 'bob' } });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'in_review', assignee_id: 'bob', decided_at: null });
    expect(await fixtures.decisions(articleId)).toEqual([]);
    expect(await fixtures.eventTypes(articleId)).toEqual(['news.article.review-claimed.v1']);
  });

  it('lets an admin decide on an article another editor claimed', async () => {
    const fixtures = decision.fixtures();
    const articleId = await fixtures.inStatus('in_review');
    await decide(root, articleId);
    expect(await fixtures.item(articleId)).toMatchObject({ status: outcome, assignee_id: 'bob' });
    expect(await fixtures.decisions(articleId)).toEqual([expect.objectContaining({ editor_id: 'root' })]);
  });

  it.each([
    ['an editor', authorAsEditor],
    ['an admin', authorAsAdmin],
  ])(`refuses the author (as %s) with ${authorRefusal}`, async (_role, author) => {
    const fixtures = decision.fixtures();
    const articleId = await fixtures.inStatus('in_review');
    expect(await refusal(decide(author, articleId))).toMatchObject({ code: authorRefusal, kind: 'forbidden' });
    expect(await fixtures.decisions(articleId)).toEqual([]);
  });

  it.each<ReviewStatus>(['pending', 'changes_requested', 'approved', 'rejected'])('is REVIEW.INVALID_TRANSITION from %s', async (status) => {
    const fixtures = decision.fixtures();
    const articleId = await fixtures.inStatus(status);
    const decisionsBefore = await fixtures.decisions(articleId);
    expect(await refusal(decide(bob, articleId))).toMatchObject({ code: 'REVIEW.INVALID_TRANSITION', kind: 'conflict', details: { status } });
    expect(await fixtures.item(articleId)).toMatchObject({ status });
    expect(await fixtures.decisions(articleId)).toEqual(decisionsBefore);
  });

  it('is REVIEW.NOT_FOUND for an article that was never submitted', async () => {
    expect(await refusal(decide(bob, randomUUID()))).toMatchObject({ code: 'REVIEW.NOT_FOUND', kind: 'not_found' });
  });
}
