import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { announcements, afterStart, EDITOR, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { PublishDueArticlesCommand } from '../publish-due-articles/publish-due-articles.command';
import { PublishDueArticlesUseCase } from '../publish-due-articles/publish-due-articles.use-case';
import { UnpublishArticleCommand } from './unpublish-article.command';
import { UnpublishArticleUseCase } from './unpublish-article.use-case';

const HOUR = 3600_000;

describe(UnpublishArticleUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;
  const unpublish = (articleId: string, reason = 'Legal hold') =>
    testbed.get(UnpublishArticleUseCase).execute(UnpublishArticleCommand.create({ articleId, editorId: EDITOR, reason }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('unpublish_article'));
    fixtures = new PublishingFixtures(testbed);
  });
  beforeEach(() => fixtures.clock.set(START));
  afterAll(() => testbed?.close());

  it('withdraws a live article, keeping who did it and why', async () => {
    const articleId = await fixtures.live();
    const { slug } = (await fixtures.row(articleId))!;
    const at = fixtures.clock.advance(HOUR);

    expect(await unpublish(articleId)).toEqual({ articleId, at, reason: 'Legal hold', editorId: EDITOR });
    expect(await fixtures.row(articleId)).toMatchObject({
      status: 'withdrawn',
      slug,
      withdrawn_at: at,
      withdrawal_reason: 'Legal hold',
      withdrawn_by: EDITOR,
      updated_at: at,
      version: 2,
    });
  });

  it('announces the withdrawal with the reason and the editor', async () => {
    const articleId = await fixtures.live();
    const at = fixtures.clock.advance(HOUR);
    await unpublish(articleId, 'Court order');

    const unpublished = (await announcements(testbed, articleId)).at(-1);
    expect(unpublished).toMatchObject({ type: 'news.article.unpublished.v1', time: at.toISOString() });
    // The revision taken down: drafting records the withdrawal against it, not a newer one in review.
    expect(unpublished?.data).toEqual({ articleId, reason: 'Court order', editorId: EDITOR, unpublishedAt: at.toISOString(), revision: 1 });
  });

  it('drops a newer revision still waiting for its time, so the scheduler cannot bring the article back', async () => {
    const articleId = await fixtures.live();
    await fixtures.approve({ articleId, revision: 2, publishAt: afterStart(HOUR).toISOString() });
    await unpublish(articleId);
    fixtures.clock.advance(2 * HOUR);

    expect(await fixtures.row(articleId)).toMatchObject({ status: 'withdrawn', pending_revision: null, due_at: null });
    expect(await testbed.get(PublishDueArticlesUseCase).execute(PublishDueArticlesCommand.create({ limit: 10 }))).toMatchObject({ published: [] });
    // announced as cancelled, so the reporter's copy of revision 2 does not wait "scheduled" for good
    const [unpublished, cancelled] = (await announcements(testbed, articleId)).slice(-2);
    expect(unpublished).toMatchObject({ type: 'news.article.unpublished.v1', data: { revision: 1 } });
    expect(cancelled).toMatchObject({ type: 'news.article.schedule-cancelled.v1', data: { articleId, revision: 2, editorId: EDITOR } });
  });

  it('announces no cancellation when nothing was waiting', async () => {
    const articleId = await fixtures.live();
    await unpublish(articleId);
    expect((await announcements(testbed, articleId)).map((event) => event.type)).not.toContain('news.article.schedule-cancelled.v1');
  });

  describe('refuses, changing nothing and announcing nothing,', () => {
    it('an article already withdrawn: ARTICLE.NOT_PUBLISHED (withdrawn)', async () => {
      const articleId = await fixtures.withdrawn();
      const before = await fixtures.row(articleId);
      const events = await announcements(testbed, articleId);

      expect(await refusal(unpublish(articleId))).toMatchObject({ code: 'ARTICLE.NOT_PUBLISHED', kind: 'conflict', details: { status: 'withdrawn' } });
      expect(await fixtures.row(articleId)).toEqual(before);
      expect(await announcements(testbed, articleId)).toEqual(events);
    });

    it('an article that never went live: ARTICLE.NOT_PUBLISHED (scheduled)', async () => {
      const articleId = await fixtures.scheduled(HOUR);
      expect(await refusal(unpublish(articleId))).toMatchObject({ code: 'ARTICLE.NOT_PUBLISHED', details: { status: 'scheduled' } });
      expect(await fixtures.row(articleId)).toMatchObject({ status: 'scheduled', due_at: afterStart(HOUR) });
    });

    it('an unknown article: ARTICLE.NOT_FOUND', async () => {
      expect((await refusal(unpublish(randomUUID()))).code).toBe('ARTICLE.NOT_FOUND');
    });

    it('a command without a reason: COMMAND.INVALID', () => {
      expect(() => UnpublishArticleCommand.create({ articleId: randomUUID(), editorId: EDITOR, reason: '' })).toThrow(
        expect.objectContaining({ code: 'COMMAND.INVALID' }),
      );
    });
  });
});
