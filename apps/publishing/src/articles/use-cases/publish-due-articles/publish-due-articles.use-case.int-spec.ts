import { UnitOfWork } from '@newsroom/persistence';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { announcements, afterStart, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { PublishDueArticlesCommand } from './publish-due-articles.command';
import { PublishDueArticlesUseCase } from './publish-due-articles.use-case';

const MINUTE = 60_000;

describe(PublishDueArticlesUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;
  let publishDue: PublishDueArticlesUseCase;
  const run = (limit = 100) => publishDue.execute(PublishDueArticlesCommand.create({ limit }));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('publish_due'));
    fixtures = new PublishingFixtures(testbed);
    publishDue = testbed.get(PublishDueArticlesUseCase);
  });
  beforeEach(async () => {
    await testbed.reset();
    fixtures.clock.set(START);
  });
  afterAll(() => testbed?.close());

  it('publishes every article whose time has come, longest due first, and leaves the rest waiting', async () => {
    const second = await fixtures.scheduled(2 * MINUTE);
    const first = await fixtures.scheduled(1 * MINUTE);
    const later = await fixtures.scheduled(10 * MINUTE);
    fixtures.clock.advance(5 * MINUTE);

    expect(await run()).toEqual({ published: [first, second], failed: [], limitReached: false });
    expect(await fixtures.row(first)).toMatchObject({ status: 'published', due_at: null });
    expect(await fixtures.row(second)).toMatchObject({ status: 'published', due_at: null });
    expect(await fixtures.row(later)).toMatchObject({ status: 'scheduled', due_at: afterStart(10 * MINUTE) });
    expect((await announcements(testbed, later)).map((event) => event.type)).toEqual(['news.article.scheduled.v1']);
  });

  it('finds nothing to do before any time has come', async () => {
    await fixtures.scheduled(MINUTE);
    expect(await run()).toEqual({ published: [], failed: [], limitReached: false });
  });

  it('stops at the limit and says more may be due', async () => {
    for (let i = 1; i <= 3; i += 1) await fixtures.scheduled(i * MINUTE);
    fixtures.clock.advance(5 * MINUTE);

    const first = await run(2);
    expect(first).toMatchObject({ limitReached: true });
    expect(first.published).toHaveLength(2);
    expect(await run(2)).toMatchObject({ published: [expect.any(String)], limitReached: false });
  });

  it('passes over an article that fails, publishes the others, and keeps the failed one due for next time', async () => {
    const failing = await fixtures.scheduled(1 * MINUTE);
    const fine = await fixtures.scheduled(2 * MINUTE);
    fixtures.clock.advance(5 * MINUTE);
    // The database refuses the one article's update, as a broken row or a constraint would.
    await testbed.query(`CREATE FUNCTION refuse_update() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$ LANGUAGE plpgsql`);
    await testbed.query(`CREATE TRIGGER refuse_update BEFORE UPDATE ON articles FOR EACH ROW WHEN (OLD.id = '${failing}') EXECUTE FUNCTION refuse_update()`);
    try {
      const result = await run();
      expect(result).toEqual({ published: [fine], failed: [{ articleId: failing, reason: expect.stringContaining('refused for the test') }], limitReached: false });
      expect(await fixtures.row(failing)).toMatchObject({ status: 'scheduled', pending_revision: 1 });
      expect((await announcements(testbed, failing)).map((event) => event.type)).toEqual(['news.article.scheduled.v1']);
    } finally {
      await testbed.query('DROP TRIGGER refuse_update ON articles');
      await testbed.query('DROP FUNCTION refuse_update()');
    }
    expect(await run()).toMatchObject({ published: [failing] });
  });

  it('publishes each article once when two schedulers run side by side', async () => {
    const ids: string[] = [];
    // Distinct headlines: two articles taking the same slug at the same instant is another story (a retry).
    for (let i = 1; i <= 12; i += 1) ids.push(await fixtures.scheduled(i * 1000, { article: testContent({ headline: `Story number ${i}` }) }));
    fixtures.clock.advance(MINUTE);

    const [a, b] = await Promise.all([run(), run()]);

    expect([...a.published, ...b.published].sort()).toEqual([...ids].sort());
    expect([...a.failed, ...b.failed]).toEqual([]);
    const published = await testbed.query<{ subject: string }>(`SELECT message_key AS subject FROM outbox WHERE event_type = 'news.article.published.v1'`);
    expect(published.map((row) => row.subject).sort()).toEqual([...ids].sort());
  });

  it('refuses to run inside a caller’s unit of work, which would tie every article to one transaction', async () => {
    await expect(testbed.get(UnitOfWork).run(() => run())).rejects.toThrow(/outside a unit of work/);
  });
});
