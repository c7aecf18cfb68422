import { UseCaseTestbed } from '@newsroom/test-harness';
import { EDITOR, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { ListWithdrawnCommand } from './list-withdrawn.command';
import { ListWithdrawnQuery } from './list-withdrawn.query';

const MINUTE = 60_000;

describe(ListWithdrawnQuery.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('list_withdrawn'));
    fixtures = new PublishingFixtures(testbed);
  });
  beforeEach(async () => {
    await testbed.reset();
    fixtures.clock.set(START);
  });
  afterAll(() => testbed?.close());

  const list = async (limit = 10, offset?: number) => (await testbed.get(ListWithdrawnQuery).execute(ListWithdrawnCommand.create({ limit, offset }))).items;

  it('lists the stories taken off the site, the latest first, with who took them down and why; not live, scheduled or killed ones', async () => {
    const first = await fixtures.withdrawn('Fact check');
    fixtures.clock.advance(MINUTE);
    const second = await fixtures.withdrawn('Legal hold');
    await fixtures.live({ article: testContent({ headline: 'Still live' }) });
    await fixtures.scheduled(60 * MINUTE);
    const killed = await fixtures.withdrawn();
    await fixtures.kill(killed);

    const items = await list();

    expect(items.map((item) => [item.articleId, item.reason, item.editorId])).toEqual([
      [second, 'Legal hold', EDITOR],
      [first, 'Fact check', EDITOR],
    ]);
    expect(items[0]).toMatchObject({ headline: expect.any(String), section: 'politics', slug: expect.any(String) });
    expect(items.map((item) => item.withdrawnAt.toISOString())).toEqual([new Date(START.getTime() + MINUTE).toISOString(), START.toISOString()]);
  });

  it('takes at most `limit` from `offset` on, and says how many there are in all', async () => {
    const older = await fixtures.withdrawn();
    fixtures.clock.advance(MINUTE);
    const newer = await fixtures.withdrawn();
    expect((await list(1)).map((item) => item.articleId)).toEqual([newer]);
    expect((await list(1, 1)).map((item) => item.articleId)).toEqual([older]);
    expect(await list(1, 2)).toEqual([]);
    expect((await testbed.get(ListWithdrawnQuery).execute(ListWithdrawnCommand.create({ limit: 1 }))).total).toBe(2);
  });
});
