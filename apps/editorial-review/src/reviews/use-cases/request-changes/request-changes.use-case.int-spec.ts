import { UseCaseTestbed } from '@newsroom/test-harness';
import { articleWithBlockingErrors } from '../../../../test/article.fixtures';
import { itFollowsTheDecisionRules } from '../../../../test/decision-rules.examples';
import { thrownBy } from '@newsroom/testing';
import { bob, changeRequestBy, ReviewFixtures, reviewTestbed } from '../../../../test/review.fixtures';
import { RequestChangesCommand } from './request-changes.command';
import { RequestChangesUseCase } from './request-changes.use-case';

describe(RequestChangesUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: ReviewFixtures;
  let requestChanges: RequestChangesUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(reviewTestbed('request_changes'));
    fixtures = new ReviewFixtures(testbed);
    requestChanges = testbed.get(RequestChangesUseCase);
  });
  afterAll(() => testbed?.close());

  it('sends the article back to its reporter and remembers the revision it was reviewed at', async () => {
    const articleId = await fixtures.inStatus('in_review');
    const result = await requestChanges.execute(changeRequestBy(bob, articleId, 'Attribute the quote.'));

    expect(result).toEqual({ articleId, revision: 1, decision: 'changes_requested', decisionId: expect.any(String) });
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'changes_requested', assignee_id: 'bob', reviewed_revision: 1, decided_at: expect.any(Date) });
    expect(await fixtures.decisions(articleId)).toEqual([
      expect.objectContaining({ id: result.decisionId, kind: 'changes_requested', revision: 1, editor_id: 'bob', note: 'Attribute the quote.', priority: null }),
    ]);
  });

  it('announces the change request with its note, so the reporter sees it', async () => {
    const articleId = await fixtures.inStatus('in_review');
    await requestChanges.execute(changeRequestBy(bob, articleId, 'Attribute the quote.'));

    const [claimed, requested] = await testbed.recordedEvents(articleId);
    expect(claimed.type).toBe('news.article.review-claimed.v1');
    expect(requested).toMatchObject({ type: 'news.article.changes-requested.v1', subject: articleId, source: 'newsroom/editorial-review' });
    expect(requested.data).toEqual({ articleId, revision: 1, editorId: 'bob', note: 'Attribute the quote.', requestedAt: requested.time });
  });

  it('is not blocked by failing automated checks (they are usually why it happens)', async () => {
    const articleId = await fixtures.inStatus('in_review', { article: articleWithBlockingErrors() });
    await requestChanges.execute(changeRequestBy(bob, articleId));
    expect(await fixtures.item(articleId)).toMatchObject({ status: 'changes_requested' });
  });

  it('needs a note: blank or longer than 5000 characters is COMMAND.INVALID', () => {
    const articleId = '5f0c1c9e-54a4-4a43-a7a1-6a0e0c1a2b3c';
    expect(thrownBy(() => RequestChangesCommand.create({ articleId, ...bob, note: ' \n ' }))).toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation' });
    expect(thrownBy(() => RequestChangesCommand.create({ articleId, ...bob, note: '\u200B \u2060' }))).toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation' });
    expect(thrownBy(() => RequestChangesCommand.create({ articleId, ...bob, note: 'x'.repeat(5001) }))).toMatchObject({ code: 'COMMAND.INVALID' });
  });

  itFollowsTheDecisionRules({
    fixtures: () => fixtures,
    decide: (acting, articleId) => requestChanges.execute(changeRequestBy(acting, articleId)),
    outcome: 'changes_requested',
    authorRefusal: 'ARTICLE.SELF_REVIEW',
  });
});
