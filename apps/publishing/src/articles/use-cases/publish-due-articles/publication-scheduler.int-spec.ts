import { randomUUID } from 'node:crypto';
import { eventually, UseCaseTestbed } from '@newsroom/test-harness';
import { announcements, PublishingFixtures, publishingTestbed } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { PublicationScheduler, SCHEDULER_POLL_INTERVAL } from './publication-scheduler';

jest.setTimeout(60_000);

/** A testbed running the scheduler on its real BackgroundLoop and the system clock. */
function schedulerTestbed(name: string, pollIntervalMs: number): Promise<UseCaseTestbed> {
  return UseCaseTestbed.start(
    publishingTestbed(name, { clock: 'system', providers: [PublicationScheduler, { provide: SCHEDULER_POLL_INTERVAL, useValue: pollIntervalMs }] }),
  );
}

function liveRow(fixtures: PublishingFixtures, articleId: string) {
  return async () => {
    const row = await fixtures.row(articleId);
    return row?.status === 'published' ? row : undefined;
  };
}

describe(PublicationScheduler.name, () => {
  describe('woken by the schedule (its poll set to an hour, so only the wake-ups can publish in time)', () => {
    let testbed: UseCaseTestbed;
    let fixtures: PublishingFixtures;

    beforeAll(async () => {
      testbed = await schedulerTestbed('scheduler_woken', 3600_000);
      fixtures = new PublishingFixtures(testbed);
    });
    afterAll(() => testbed?.close());

    it('publishes a story scheduled a second ahead when its time comes, never before', async () => {
      const articleId = await fixtures.scheduled(1000, { article: testContent({ headline: 'A second later' }) });
      const dueAt = (await fixtures.row(articleId))!.due_at!;

      const row = await eventually('the scheduled story to go live', liveRow(fixtures, articleId));

      expect(row.published_at!.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
      const published = (await announcements(testbed, articleId)).filter((event) => event.type === 'news.article.published.v1');
      expect(published).toHaveLength(1);
      expect(new Date(published[0].time).getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    });

    it('re-plans when an earlier story is scheduled while it sleeps until a later one', async () => {
      const later = await fixtures.scheduled(600_000);
      const sooner = await fixtures.scheduled(500);

      await eventually('the sooner story to go live', liveRow(fixtures, sooner));

      expect(await fixtures.row(later)).toMatchObject({ status: 'scheduled' });
    });
  });

  describe('with nobody waking it', () => {
    let testbed: UseCaseTestbed;
    let fixtures: PublishingFixtures;

    beforeAll(async () => {
      testbed = await schedulerTestbed('scheduler_polling', 200);
      fixtures = new PublishingFixtures(testbed);
    });
    afterAll(() => testbed?.close());

    it('picks up on its poll a story that fell due while no scheduler ran', async () => {
      // Written as the row stood after a restart, or by another process: no NOTIFY.
      const articleId = randomUUID();
      await testbed.query(
        `INSERT INTO articles (id, status, pending_revision, pending_content, pending_priority, due_at, version, approved_at)
         VALUES ($1, 'scheduled', 1, $2, 'normal', now() - interval '1 minute', 0, now() - interval '2 minutes')`,
        [articleId, JSON.stringify(testContent({ headline: 'Due while nobody listened' }))],
      );

      await eventually('the overdue story to go live', liveRow(fixtures, articleId));

      expect((await announcements(testbed, articleId)).map((event) => event.type)).toEqual(['news.article.published.v1']);
    });
  });
});
