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

  const list = (limit = 10) => testbed.get(ListWithdrawnQuery).execute(ListWithdrawnCommand.create({ limit }));

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

  it('takes at most `limit`', async () => {
    await fixtures.withdrawn();
    await fixtures.withdrawn();
    expect(await list(1)).toHaveLength(1);
  });
});
