import { UseCaseTestbed } from '@newsroom/test-harness';
import { article, articleWithBlockingErrors, revisedArticle } from '../../../../test/article.fixtures';
import { itFollowsTheDecisionRules } from '../../../../test/decision-rules.examples';
import { refusal, thrownBy } from '@newsroom/testing';
import { approvalBy, AUTHOR, authorAsAdmin, bob, changeRequestBy, claimBy, rejectionBy, ReviewFixtures, reviewTestbed, root,  } from '../../../../test/review.fixtures';
import { ClaimReviewUseCase } from '../claim-review/claim-review.use-case';
import { RejectArticleUseCase } from '../reject-article/reject-article.use-case';
import { RequestChangesUseCase } from '../request-changes/request-changes.use-case';
import { ApproveArticleCommand } from './approve-article.command';
import { ApproveArticleUseCase } from './approve-article.use-case';

/** Plain JSON, as the article travels in an event. */
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe(ApproveArticleUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: ReviewFixtures;
  let approve: ApproveArticleUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(reviewTestbed('approve_article'));
    fixtures = new ReviewFixtures(testbed);
    approve = testbed.get(ApproveArticleUseCase);
  });
  afterAll(() => testbed?.close());

  it('approves the revision under review and logs the decision with its terms', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const publishAt = new Date('2025-11-21T18:00:00Z');
    const embargoUntil = new Date('2025-11-21T17:30:00Z');
    const result = await approve.execute(approvalBy(bob, articleId, { publishAt, embargoUntil, priority: 'breaking' }));

    expect(result).toEqual({ articleId, revision: 1, decision: 'approved', decisionId: expect.any(String) });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'approved', assignee_id: 'bob', reviewed_revision: 1, decided_at: expect.any(Date) });
    expect(await fixtures.decisions(articleId)).toEqual([
      expect.objectContaining({ id: result.decisionId, kind: 'approved', editor_id: 'bob', note: null, publish_at: publishAt, embargo_until: embargoUntil, priority: 'breaking' }),
    ]);
  });

  it('announces the approval with the full submitted text, which is what publishing puts live', async () => {
    const articleId = await fixtures.inStatus('in_review');
    await approve.execute(approvalBy(bob, articleId, { publishAt: new Date('2025-11-21T20:00:00+02:00'), priority: 'breaking' }));

    const approved = (await testbed.recordedEvents(articleId)).at(-1);
    expect(approved).toMatchObject({ type: 'news.article.approved.v1', subject: articleId, source: 'newsroom/editorial-review' });
    expect(approved?.data).toEqual({
      articleId,
      revision: 1,
      editorId: 'bob',
      authorId: AUTHOR,
      approvedAt: approved?.time,
      publishAt: '2025-11-21T18:00:00.000Z',
      priority: 'breaking',
      article: json(article()),
    });
  });

  it('leaves out the schedule and embargo when none are given, and logs them as absent', async () => {
    const articleId = await fixtures.inStatus('in_review');
    await approve.execute(approvalBy(bob, articleId));

    const approved = (await testbed.recordedEvents(articleId)).at(-1);
    expect(approved?.data).not.toHaveProperty('publishAt');
    expect(approved?.data).not.toHaveProperty('embargoUntil');
    expect(approved?.data).toMatchObject({ priority: 'normal' });
    expect(await fixtures.decisions(articleId)).toEqual([expect.objectContaining({ publish_at: null, embargo_until: null, priority: 'normal' })]);
  });

  it('approves the resubmitted revision, never the one changes were requested on', async () => {
    const articleId = await fixtures.inStatus('changes_requested', { article: articleWithBlockingErrors() });
    await fixtures.submit({ articleId, revision: 2, article: revisedArticle() });
    await testbed.get(ClaimReviewUseCase).execute(claimBy(bob, articleId));

    expect(await approve.execute(approvalBy(bob, articleId))).toMatchObject({ revision: 2 });
    const approved = (await testbed.recordedEvents(articleId)).at(-1);
    expect(approved?.data).toMatchObject({ revision: 2, article: json(revisedArticle()) });
  });

  it('is blocked by failing automated checks with REVIEW.BLOCKING_CHECKS, listing them', async () => {
    const articleId = await fixtures.inStatus('in_review', { article: articleWithBlockingErrors() });
    const error = await refusal(approve.execute(approvalBy(bob, articleId)));

    expect(error).toMatchObject({ code: 'REVIEW.BLOCKING_CHECKS', kind: 'conflict' });
    expect((error.details as { code: string }[]).map((check) => check.code)).toEqual(['UNSAFE_LINK', 'QUOTE_WITHOUT_ATTRIBUTION']);
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'in_review' });
    expect(await fixtures.eventTypes(articleId)).toEqual(['news.article.review-claimed.v1']);
  });

  it('refuses the author with ARTICLE.SELF_APPROVAL before anything else, even with failing checks on a pending article', async () => {
    const articleId = await fixtures.inStatus('pending', { article: articleWithBlockingErrors() });
    expect(await refusal(approve.execute(approvalBy(authorAsAdmin, articleId, { priority: 'breaking' })))).toMatchObject({
      code: 'ARTICLE.SELF_APPROVAL',
      kind: 'forbidden',
    });
  });

  it('lets exactly one of two approvals made at the same moment win', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const outcomes = await Promise.allSettled([approve.execute(approvalBy(bob, articleId)), approve.execute(approvalBy(root, articleId))]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = outcomes.find((o) => o.status === 'rejected');
    expect(loser?.status === 'rejected' && loser.reason).toMatchObject({ code: 'REVIEW.INVALID_TRANSITION', details: { status: 'approved' } });
    expect(await fixtures.decisions(articleId)).toHaveLength(1);
    expect(await fixtures.eventTypes(articleId)).toEqual(['news.article.review-claimed.v1', 'news.article.approved.v1']);
  });

  it('lets only one decision stand when an approval, a rejection and a change request race', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const outcomes = await Promise.allSettled([
      approve.execute(approvalBy(bob, articleId)),
      testbed.get(RejectArticleUseCase).execute(rejectionBy(root, articleId)),
      testbed.get(RequestChangesUseCase).execute(changeRequestBy(bob, articleId)),
    ]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [decision] = await fixtures.decisions(articleId);
    expect(await fixtures.decisions(articleId)).toHaveLength(1);
    expect(await fixtures.item(articleId)).toMatchObject({ status: decision.kind });
    expect(await fixtures.eventTypes(articleId)).toHaveLength(2);
  });

  it('takes only the known priorities: anything else is COMMAND.INVALID', () => {
    const error = thrownBy(() => ApproveArticleCommand.create({ articleId: '5f0c1c9e-54a4-4a43-a7a1-6a0e0c1a2b3c', ...bob, priority: 'urgent' as never }));
    expect(error).toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation', details: [expect.objectContaining({ path: 'priority' })] });
  });

  it('refuses a schedule that is not a valid instant with COMMAND.INVALID', () => {
    const error = thrownBy(() => ApproveArticleCommand.create({ articleId: '5f0c1c9e-54a4-4a43-a7a1-6a0e0c1a2b3c', ...bob, priority: 'normal', publishAt: new Date('tomorrow') }));
    expect(error).toMatchObject({ code: 'COMMAND.INVALID', details: [expect.objectContaining({ path: 'publishAt' })] });
  });

  itFollowsTheDecisionRules({
    fixtures: () => fixtures,
    decide: (acting, articleId) => approve.execute(approvalBy(acting, articleId)),
    outcome: 'approved',
    authorRefusal: 'ARTICLE.SELF_APPROVAL',
  });
});
