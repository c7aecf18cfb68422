import { UseCaseTestbed } from '@newsroom/test-harness';
import { afterStart, PUBLIC_BASE_URL, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { ReadArticlesQuery } from '../read-articles/read-articles.query';
import { linkedSlugs, RelatedArticlesQuery } from './related-articles.query';

const MINUTE = 60_000;
const paragraph = { type: 'paragraph', text: 'Text.' };

describe(RelatedArticlesQuery.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('related_articles', { providers: [RelatedArticlesQuery] }));
    fixtures = new PublishingFixtures(testbed);
  });
  beforeEach(async () => {
    await testbed.reset();
    fixtures.clock.set(START);
  });
  afterAll(() => testbed?.close());

  /** A live story published `minutes` after the start; returns its id. */
  async function story(minutes: number, headline: string, fields: Record<string, unknown> = {}): Promise<string> {
    fixtures.clock.set(afterStart(minutes * MINUTE));
    return fixtures.live({ article: testContent({ headline, body: [paragraph], ...fields }) });
  }

  async function headlinesRelatedTo(articleId: string): Promise<string[]> {
    const article = await testbed.get(ReadArticlesQuery).byId(articleId);
    if (!article) throw new Error('the article is not public');
    return (await testbed.get(RelatedArticlesQuery).execute(article, PUBLIC_BASE_URL)).map((related) => related.content.headline);
  }

  it('puts the article’s own teasers to live stories first, then stories sharing a tag or the section, newest first', async () => {
    await story(1, 'Older politics story', { section: 'politics', tags: [] });
    const theatre = await fixtures.row(await story(2, 'Theatre reopens', { section: 'culture', tags: [] }));
    await story(3, 'Ports story in world', { section: 'world', tags: ['ports'] });
    await story(4, 'Science story', { section: 'science', tags: ['space'] });
    await story(5, 'Newer politics story', { section: 'politics', tags: [] });
    const subject = await story(10, 'Harbour vote', {
      section: 'politics',
      tags: ['ports'],
      body: [
        paragraph,
        { type: 'related', url: 'https://elsewhere.example.org/articles/theatre-reopens', headline: 'Another site' },
        { type: 'related', url: `${PUBLIC_BASE_URL}/articles/${theatre?.slug}`, headline: 'Theatre reopens' },
      ],
    });

    expect(await headlinesRelatedTo(subject)).toEqual(['Theatre reopens', 'Newer politics story', 'Ports story in world', 'Older politics story']);
  });

  it('never shows killed, withdrawn, scheduled or embargoed stories, nor the article itself', async () => {
    const killed = await story(1, 'Killed politics story');
    await fixtures.kill(killed);
    await fixtures.withdrawn();
    await fixtures.scheduled(60 * MINUTE, { article: testContent({ headline: 'Scheduled politics story', body: [paragraph] }) });
    await fixtures.scheduled(MINUTE, { embargoUntil: afterStart(3 * 3600_000).toISOString(), article: testContent({ headline: 'Embargoed politics story', body: [paragraph] }) });
    const visible = await story(2, 'Visible politics story');
    const subject = await story(3, 'Subject story');

    expect(await headlinesRelatedTo(subject)).toEqual(['Visible politics story']);
    expect(await headlinesRelatedTo(visible)).toEqual(['Subject story']);
  });

  it('shows at most four', async () => {
    for (let minute = 1; minute <= 6; minute += 1) await story(minute, `Politics story ${minute}`);
    const subject = await story(7, 'Subject story');
    expect(await headlinesRelatedTo(subject)).toEqual(['Politics story 6', 'Politics story 5', 'Politics story 4', 'Politics story 3']);
  });
});

describe(linkedSlugs.name, () => {
  it('reads this site’s article addresses from related teasers, each once, ignoring other sites and paths', () => {
    const body = testContent({
      body: [
        { type: 'related', url: `${PUBLIC_BASE_URL}/articles/a-story?utm_source=x`, headline: 'a' },
        { type: 'related', url: `${PUBLIC_BASE_URL}/articles/a-story#top`, headline: 'again' },
        { type: 'related', url: `${PUBLIC_BASE_URL}/sections/politics`, headline: 'section' },
        { type: 'related', url: 'https://news.example.test.evil.org/articles/b', headline: 'lookalike' },
        { type: 'related', url: `${PUBLIC_BASE_URL}/articles/Bad_Slug`, headline: 'bad' },
      ],
    }).body;
    expect(linkedSlugs(body, PUBLIC_BASE_URL)).toEqual(['a-story']);
  });
});
