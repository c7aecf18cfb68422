import { EVENT_TYPES, type EventOf } from '@newsroom/contracts';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { PUBLIC_BASE_URL, PublishingFixtures, publishingTestbed, START } from '../../../test/publishing.fixtures';
import { testContent } from '../../../test/test-articles';
import { UnpublishArticleCommand } from './unpublish-article/unpublish-article.command';
import { UnpublishArticleUseCase } from './unpublish-article/unpublish-article.use-case';

const HOUR = 3600_000;
const paragraph = { type: 'paragraph', text: 'Text.' };

describe('news.site.purged.v1: what a CDN in front of the site must drop', () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('site_purge'));
    fixtures = new PublishingFixtures(testbed);
  });
  beforeEach(async () => {
    await testbed.reset();
    fixtures.clock.set(START);
  });
  afterAll(() => testbed?.close());

  async function purges(articleId: string): Promise<EventOf<'news.site.purged.v1'>[]> {
    return (await testbed.recordedEvents(articleId)).filter((event): event is EventOf<'news.site.purged.v1'> => event.type === EVENT_TYPES.sitePurged);
  }
  const paths = (event: EventOf<'news.site.purged.v1'>) => event.data.urls.map((url) => url.slice(PUBLIC_BASE_URL.length));

  it('follows a first publication with the article, its lists and feeds, the front page and the sitemaps, after the article’s own event', async () => {
    const articleId = await fixtures.live({ article: testContent({ section: 'politics', tags: ['ports'], bylines: [{ name: 'Olena Kravets' }], body: [paragraph] }) });
    const events = await testbed.recordedEvents(articleId);
    expect(events.map((event) => event.type)).toEqual([EVENT_TYPES.articlePublished, EVENT_TYPES.sitePurged]);
    const [purge] = await purges(articleId);
    expect(purge).toMatchObject({ subject: articleId, data: { articleId, reason: 'published', changedAt: events[0].time } });
    expect(paths(purge)).toEqual(expect.arrayContaining(['/articles/harbour-council-approves-night-time-crane-ban', '/', '/feeds/rss.xml', '/sitemaps/news.xml', '/sections/politics', '/tags/ports/feeds/feed.json', '/authors/olena-kravets']));
  });

  it('purges the lists a story leaves as well as those it joins when an update moves it', async () => {
    const articleId = await fixtures.live({ article: testContent({ section: 'politics', tags: ['ports'], body: [paragraph] }) });
    await fixtures.approve({ articleId, revision: 2, article: testContent({ section: 'world', tags: ['ferries'], body: [paragraph] }) });
    const update = (await purges(articleId)).at(-1);
    expect(update?.data.reason).toBe('updated');
    expect(paths(update!)).toEqual(expect.arrayContaining(['/sections/politics', '/sections/world', '/tags/ports', '/tags/ferries']));
  });

  it('purges the page, its lists and the corrections log on a correction, a withdrawal and a kill', async () => {
    const corrected = await fixtures.live();
    await fixtures.correct(corrected, 'An earlier version gave the wrong vote count.');
    const withdrawn = await fixtures.live({ article: testContent({ headline: 'Withdrawn story' }) });
    await testbed.get(UnpublishArticleUseCase).execute(UnpublishArticleCommand.create({ articleId: withdrawn, editorId: 'editor-eve', reason: 'Legal hold' }));
    const killed = await fixtures.live({ article: testContent({ headline: 'Killed story' }) });
    await fixtures.kill(killed);

    for (const [articleId, reason] of [[corrected, 'corrected'], [withdrawn, 'unpublished'], [killed, 'killed']] as const) {
      const last = (await purges(articleId)).at(-1);
      expect(last?.data.reason).toBe(reason);
      expect(paths(last!)).toEqual(expect.arrayContaining(['/corrections', '/sections/politics', '/']));
      expect(last?.data.urls[0]).toMatch(new RegExp(`^${PUBLIC_BASE_URL}/articles/`));
    }
  });

  it('purges nothing for a change no reader can see: a schedule, or a rolled-back change', async () => {
    const scheduled = await fixtures.scheduled(HOUR);
    expect(await purges(scheduled)).toEqual([]);
    const live = await fixtures.live();
    const before = (await purges(live)).length;
    await expect(fixtures.correct(live, 'x', { headline: '' })).rejects.toThrow();
    expect(await purges(live)).toHaveLength(before);
  });
});
