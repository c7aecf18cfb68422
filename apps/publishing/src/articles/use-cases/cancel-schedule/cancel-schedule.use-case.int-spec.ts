import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { announcements, afterStart, EDITOR, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { CancelScheduleCommand } from './cancel-schedule.command';
import { CancelScheduleUseCase } from './cancel-schedule.use-case';

const HOUR = 3600_000;

describe(CancelScheduleUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;
  let cancel: (articleId: string) => ReturnType<CancelScheduleUseCase['execute']>;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('cancel_schedule'));
    fixtures = new PublishingFixtures(testbed);
    const useCase = testbed.get(CancelScheduleUseCase);
    cancel = (articleId) => useCase.execute(CancelScheduleCommand.create({ articleId, editorId: EDITOR }));
  });
  beforeEach(() => fixtures.clock.set(START));
  afterAll(() => testbed?.close());

  it('cancels a story that never went live, and announces it', async () => {
    const articleId = await fixtures.scheduled(HOUR);

    expect(await cancel(articleId)).toEqual({ articleId, status: 'cancelled', at: START, editorId: EDITOR, revision: 1 });
    expect(await fixtures.row(articleId)).toMatchObject({ status: 'cancelled', pending_revision: null, due_at: null, cancelled_revision: 1, cancelled_by: EDITOR });
    expect((await announcements(testbed, articleId)).at(-1)).toMatchObject({
      type: 'news.article.schedule-cancelled.v1',
      data: { articleId, revision: 1, editorId: EDITOR, cancelledAt: START.toISOString() },
    });
  });

  it('drops a waiting update of a live story and keeps the live text', async () => {
    const articleId = await fixtures.live({ article: testContent({ headline: 'Live text' }) });
    await fixtures.approve({ articleId, revision: 2, publishAt: afterStart(HOUR).toISOString(), article: testContent({ headline: 'Update' }) });

    expect(await cancel(articleId)).toMatchObject({ status: 'published', revision: 2 });
    expect(await fixtures.row(articleId)).toMatchObject({ status: 'published', revision: 1, content: { headline: 'Live text' }, pending_revision: null });
  });

  it('never lets the cancelled revision come back; a newer approval schedules the story again', async () => {
    const articleId = await fixtures.scheduled(HOUR);
    await cancel(articleId);

    fixtures.clock.advance(60_000);
    expect((await refusal(fixtures.approve({ articleId, revision: 1 }))).code).toBe('ARTICLE.STALE_REVISION');
    const again = await fixtures.approve({ articleId, revision: 2, publishAt: afterStart(2 * HOUR).toISOString() });
    expect(again).toMatchObject({ outcome: 'scheduled', revision: 2 });
    expect(await fixtures.row(articleId)).toMatchObject({ status: 'scheduled', pending_revision: 2 });
  });

  it('refuses when nothing waits (ARTICLE.NOTHING_SCHEDULED), a killed article (ARTICLE.KILLED) and an unknown one', async () => {
    const live = await fixtures.live();
    const killed = await fixtures.scheduled(HOUR);
    await fixtures.kill(killed);

    expect((await refusal(cancel(live))).code).toBe('ARTICLE.NOTHING_SCHEDULED');
    expect((await refusal(cancel(killed))).code).toBe('ARTICLE.KILLED');
    expect((await refusal(cancel(randomUUID()))).code).toBe('ARTICLE.NOT_FOUND');
  });
});
