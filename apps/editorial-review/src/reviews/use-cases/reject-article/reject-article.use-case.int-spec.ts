import { UseCaseTestbed } from '@newsroom/test-harness';
import { itFollowsTheDecisionRules } from '../../../../test/decision-rules.examples';
import { refusal, thrownBy } from '@newsroom/testing';
import { bob, rejectionBy, ReviewFixtures, reviewTestbed } from '../../../../test/review.fixtures';
import { RejectArticleCommand } from './reject-article.command';
import { RejectArticleUseCase } from './reject-article.use-case';

describe(RejectArticleUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: ReviewFixtures;
  let reject: RejectArticleUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(reviewTestbed('reject_article'));
    fixtures = new ReviewFixtures(testbed);
    reject = testbed.get(RejectArticleUseCase);
  });
  afterAll(() => testbed?.close());

  it('turns the article down and logs the reason with the decision', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const result = await reject.execute(rejectionBy(bob, articleId, 'Covered yesterday.'));

    expect(result).toEqual({ articleId, revision: 1, decision: 'rejected', decisionId: expect.any(String) });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'rejected', reviewed_revision: 1, decided_at: expect.any(Date) });
    expect(await fixtures.decisions(articleId)).toEqual([
      expect.objectContaining({ id: result.decisionId, kind: 'rejected', revision: 1, editor_id: 'bob', note: 'Covered yesterday.', publish_at: null }),
    ]);
  });

  it('announces the rejection with its reason', async () => {
    const articleId = await fixtures.inStatus('in_review');
    await reject.execute(rejectionBy(bob, articleId, 'Covered yesterday.'));

    const rejected = (await testbed.recordedEvents(articleId)).at(-1);
    expect(rejected).toMatchObject({ type: 'news.article.rejected.v1', subject: articleId, source: 'newsroom/editorial-review' });
    expect(rejected?.data).toEqual({ articleId, revision: 1, editorId: 'bob', reason: 'Covered yesterday.', rejectedAt: rejected?.time });
  });

  it('is final: a later revision from the reporter is refused with REVIEW.ALREADY_DECIDED', async () => {
    const articleId = await fixtures.inStatus('in_review');
    await reject.execute(rejectionBy(bob, articleId));
    expect(await refusal(fixtures.submit({ articleId, revision: 2 }))).toMatchObject({ code: 'REVIEW.ALREADY_DECIDED', details: { status: 'rejected', revision: 2 } });
  });

  it('needs a reason: a missing or blank one is COMMAND.INVALID', () => {
    const articleId = '5f0c1c9e-54a4-4a43-a7a1-6a0e0c1a2b3c';
    expect(thrownBy(() => RejectArticleCommand.create({ articleId, ...bob, reason: '  ' }))).toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation' });
    expect(thrownBy(() => RejectArticleCommand.create({ articleId, ...bob } as never))).toMatchObject({ code: 'COMMAND.INVALID' });
  });

  itFollowsTheDecisionRules({
    fixtures: () => fixtures,
    decide: (acting, articleId) => reject.execute(rejectionBy(acting, articleId)),
    outcome: 'rejected',
    authorRefusal: 'ARTICLE.SELF_REVIEW',
  });
});
