import { UseCaseTestbed } from '@newsroom/test-harness';
import { afterStart, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { ListScheduledCommand } from './list-scheduled.command';
import { ListScheduledQuery } from './list-scheduled.query';

const HOUR = 3600_000;
const NONE = { carried: [], notCarried: [] };

describe(ListScheduledQuery.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('list_scheduled'));
    fixtures = new PublishingFixtures(testbed);
  });
  beforeEach(async () => {
    await testbed.reset();
    fixtures.clock.set(START);
  });
  afterAll(() => testbed?.close());

  const list = async (limit = 10, offset?: number) => (await testbed.get(ListScheduledQuery).execute(ListScheduledCommand.create({ limit, offset }))).items;

  it('lists what waits, soonest first, with its schedule and embargo apart; not live or cancelled stories', async () => {
    const later = await fixtures.scheduled(3 * HOUR, { article: testContent({ headline: 'Later story' }) });
    const embargoed = await fixtures.scheduled(HOUR, { embargoUntil: afterStart(2 * HOUR).toISOString(), article: testContent({ headline: 'Embargoed story' }) });
    const live = await fixtures.live();
    await fixtures.approve({ articleId: live, revision: 2, publishAt: afterStart(4 * HOUR).toISOString(), article: testContent({ headline: 'Waiting update' }) });
    await fixtures.live();

    const items = await list();

    expect(items.map(({ content: _content, ...item }) => item)).toEqual([
      { articleId: embargoed, revision: 1, headline: 'Embargoed story', section: 'politics', dueAt: afterStart(2 * HOUR), publishAt: afterStart(HOUR), embargoUntil: afterStart(2 * HOUR), updatesLive: false, slug: null, corrections: NONE },
      { articleId: later, revision: 1, headline: 'Later story', section: 'politics', dueAt: afterStart(3 * HOUR), publishAt: afterStart(3 * HOUR), embargoUntil: null, updatesLive: false, slug: null, corrections: NONE },
      expect.objectContaining({ articleId: live, revision: 2, headline: 'Waiting update', updatesLive: true, slug: expect.any(String) }),
    ]);
  });

  it('says what an update waiting for its time does with corrections made to the live text since: the fields it takes, and those it rewrote', async () => {
    const first = testContent({ headline: 'Mayor Smith resigns' });
    const live = await fixtures.live({ article: first });
    const waiting = testContent({ ...first, headline: 'Mayor Smith resigns; deputy sworn in' });
    await fixtures.approve({ articleId: live, revision: 2, publishAt: afterStart(4 * HOUR).toISOString(), article: waiting });
    const before = await list();
    expect(before.map((item) => item.corrections)).toEqual([NONE]);
    // Corrected while the update waits: the standfirst it left alone, the headline it rewrote.
    await fixtures.correct(live, 'The mayor is named Smyth.', { headline: 'Mayor Smyth resigns', standfirst: 'Mayor Smyth leaves after ten years.' });

    const [item] = await list();

    expect(item).toMatchObject({ articleId: live, revision: 2, updatesLive: true, corrections: { carried: ['standfirst'], notCarried: ['headline'] } });
  });

  it('takes at most `limit` from `offset` on, and says how many wait in all', async () => {
    const sooner = await fixtures.scheduled(HOUR);
    const later = await fixtures.scheduled(2 * HOUR);
    expect((await list(1)).map((item) => item.articleId)).toEqual([sooner]);
    expect((await list(1, 1)).map((item) => item.articleId)).toEqual([later]);
    expect(await list(1, 2)).toEqual([]);
    expect((await testbed.get(ListScheduledQuery).execute(ListScheduledCommand.create({ limit: 1, offset: 1 }))).total).toBe(2);
  });
});
