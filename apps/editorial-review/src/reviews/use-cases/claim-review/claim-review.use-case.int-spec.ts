import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import type { ReviewStatus } from '../../domain/review-status';
import { refusal } from '@newsroom/testing';
import { authorAsAdmin, authorAsEditor, bob, carol, claimBy, ReviewFixtures, reviewTestbed, root } from '../../../../test/review.fixtures';
import { ClaimReviewUseCase } from './claim-review.use-case';

describe(ClaimReviewUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: ReviewFixtures;
  let claim: ClaimReviewUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(reviewTestbed('claim_review'));
    fixtures = new ReviewFixtures(testbed);
    claim = testbed.get(ClaimReviewUseCase);
  });
  afterAll(() => testbed?.close());

  it('takes a pending article off the queue for the editor', async () => {
    const articleId = await fixtures.inStatus('pending');
    expect(await claim.execute(claimBy(bob, articleId))).toEqual({ articleId, revision: 1, claimed: true });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'in_review', assignee_id: 'bob', claimed_at: expect.any(Date) });
  });

  it('announces the claim, so the reporter sees who is reviewing', async () => {
    const articleId = await fixtures.inStatus('pending');
    await claim.execute(claimBy(bob, articleId));

    const [claimed] = await testbed.recordedEvents(articleId);
    expect(claimed).toMatchObject({ type: 'news.article.review-claimed.v1', subject: articleId, source: 'newsroom/editorial-review' });
    expect(claimed.data).toEqual({ articleId, revision: 1, editorId: 'bob', claimedAt: claimed.time });
  });

  it('is a no-op for the editor who already holds the article: nothing changes, nothing is announced again', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const before = await fixtures.item(articleId);
    expect(await claim.execute(claimBy(bob, articleId))).toEqual({ articleId, revision: 1, claimed: false });
    expect(await fixtures.item(articleId)).toMatchObject({ claimed_at: before?.claimed_at });
    expect(await fixtures.eventTypes(articleId)).toEqual(['news.article.review-claimed.v1']);
  });

  it.each([
    ['another editor', carol],
    ['an admin', root],
  ])('refuses %s while the article is held with REVIEW.ALREADY_CLAIMED', async (_who, other) => {
    const articleId = await fixtures.inStatus('in_review');
    expect(await refusal(claim.execute(claimBy(other, articleId)))).toMatchObject({ code: 'REVIEW.ALREADY_CLAIMED', kind: 'conflict', details: { assigneeId: 'bob' } });
    expect(await fixtures.item(articleId)).toMatchObject({ assignee_id: 'bob' });
  });

  it.each([
    ['an editor', authorAsEditor],
    ['an admin', authorAsAdmin],
  ])('refuses the author (as %s) with ARTICLE.SELF_REVIEW', async (_role, author) => {
    const articleId = await fixtures.inStatus('pending');
    expect(await refusal(claim.execute(claimBy(author, articleId)))).toMatchObject({ code: 'ARTICLE.SELF_REVIEW', kind: 'forbidden' });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'pending', assignee_id: null });
    expect(await fixtures.eventTypes(articleId)).toEqual([]);
  });

  it.each<ReviewStatus>(['changes_requested', 'approved', 'rejected'])('is REVIEW.INVALID_TRANSITION once %s', async (status) => {
    const articleId = await fixtures.inStatus(status);
    expect(await refusal(claim.execute(claimBy(carol, articleId)))).toMatchObject({ code: 'REVIEW.INVALID_TRANSITION', details: { status } });
  });

  it('is REVIEW.NOT_FOUND for an article that was never submitted', async () => {
    expect(await refusal(claim.execute(claimBy(bob, randomUUID())))).toMatchObject({ code: 'REVIEW.NOT_FOUND', kind: 'not_found' });
  });

  it('lets exactly one of several editors claiming at the same moment win', async () => {
    const articleId = await fixtures.inStatus('pending');
    const editors = ['dana', 'eli', 'fay', 'gus', 'hal'];
    const outcomes = await Promise.allSettled(editors.map((editorId) => claim.execute(claimBy({ editorId, isAdmin: false }, articleId))));

    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { code: string }).code] : []))).toEqual(Array(4).fill('REVIEW.ALREADY_CLAIMED'));
    const item = await fixtures.item(articleId);
    expect(editors).toContain(item?.assignee_id);
    expect(await fixtures.eventTypes(articleId)).toEqual(['news.article.review-claimed.v1']);
  });
});
