import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { announcements, afterStart, EDITOR, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { RescheduleArticleCommand } from './reschedule-article.command';
import { RescheduleArticleUseCase } from './reschedule-article.use-case';

const HOUR = 3600_000;

describe(RescheduleArticleUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;
  let reschedule: (articleId: string, publishAt: Date) => ReturnType<RescheduleArticleUseCase['execute']>;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('reschedule_article'));
    fixtures = new PublishingFixtures(testbed);
    const useCase = testbed.get(RescheduleArticleUseCase);
    reschedule = (articleId, publishAt) => useCase.execute(RescheduleArticleCommand.create({ articleId, editorId: EDITOR, publishAt: publishAt.toISOString() }));
  });
  beforeEach(() => fixtures.clock.set(START));
  afterAll(() => testbed?.close());

  it('moves the time and announces the new one', async () => {
    const articleId = await fixtures.scheduled(HOUR);

    expect(await reschedule(articleId, afterStart(3 * HOUR))).toEqual({ outcome: 'scheduled', articleId, revision: 1, dueAt: afterStart(3 * HOUR) });
    expect(await fixtures.row(articleId)).toMatchObject({ status: 'scheduled', pending_publish_at: afterStart(3 * HOUR), due_at: afterStart(3 * HOUR) });
    const events = await announcements(testbed, articleId);
    expect(events.at(-1)).toMatchObject({ type: 'news.article.scheduled.v1', data: { articleId, revision: 1, publishAt: afterStart(3 * HOUR).toISOString() } });
  });

  it('never before the embargo: an earlier time waits for it', async () => {
    const articleId = await fixtures.scheduled(3 * HOUR, { embargoUntil: afterStart(2 * HOUR).toISOString() });

    expect(await reschedule(articleId, afterStart(HOUR))).toMatchObject({ outcome: 'scheduled', dueAt: afterStart(2 * HOUR) });
    expect(await fixtures.row(articleId)).toMatchObject({ pending_publish_at: afterStart(HOUR), pending_embargo_until: afterStart(2 * HOUR), due_at: afterStart(2 * HOUR) });
  });

  it('publishes at once when the new time has come and no embargo holds', async () => {
    const articleId = await fixtures.scheduled(HOUR);

    const result = await reschedule(articleId, afterStart(-1));

    expect(result).toMatchObject({ outcome: 'published', articleId, revision: 1 });
    expect(await fixtures.row(articleId)).toMatchObject({ status: 'published', published_at: START, due_at: null });
    expect((await announcements(testbed, articleId)).map((event) => event.type)).toEqual(['news.article.scheduled.v1', 'news.article.published.v1']);
  });

  it('moves a waiting update of a live story; the live text stays', async () => {
    const articleId = await fixtures.live();
    await fixtures.approve({ articleId, revision: 2, publishAt: afterStart(HOUR).toISOString() });

    expect(await reschedule(articleId, afterStart(2 * HOUR))).toMatchObject({ outcome: 'scheduled', revision: 2, dueAt: afterStart(2 * HOUR) });
    expect(await fixtures.row(articleId)).toMatchObject({ status: 'published', revision: 1, pending_revision: 2 });
  });

  it('refuses when nothing waits (ARTICLE.NOTHING_SCHEDULED), a killed article (ARTICLE.KILLED), an unknown one and a bad time', async () => {
    const live = await fixtures.live();
    const killed = await fixtures.scheduled(HOUR);
    await fixtures.kill(killed);

    expect((await refusal(reschedule(live, afterStart(HOUR)))).code).toBe('ARTICLE.NOTHING_SCHEDULED');
    expect((await refusal(reschedule(killed, afterStart(HOUR)))).code).toBe('ARTICLE.KILLED');
    expect((await refusal(reschedule(randomUUID(), afterStart(HOUR)))).code).toBe('ARTICLE.NOT_FOUND');
    expect(() => RescheduleArticleCommand.create({ articleId: live, editorId: EDITOR, publishAt: 'tomorrow' })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
  });
});
