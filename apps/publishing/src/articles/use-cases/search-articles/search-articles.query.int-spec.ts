import { UseCaseTestbed } from '@newsroom/test-harness';
import { PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { SNIPPET_MARK_END as END, SNIPPET_MARK_START as START_MARK } from '../../domain/search-document';
import { SearchArticlesCommand } from './search-articles.command';
import { SearchArticlesQuery } from './search-articles.query';

const paragraph = (text: string) => [{ type: 'paragraph', text }];

describe(SearchArticlesQuery.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;
  let search: (text: string, page?: { limit?: number; offset?: number }) => ReturnType<SearchArticlesQuery['execute']>;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('search_articles'));
    fixtures = new PublishingFixtures(testbed);
    const query = testbed.get(SearchArticlesQuery);
    search = (text, page = {}) => query.execute(SearchArticlesCommand.create({ text, limit: page.limit ?? 20, offset: page.offset ?? 0 }));
  });
  beforeEach(async () => {
    await testbed.reset();
    fixtures.clock.set(START);
  });
  afterAll(() => testbed?.close());

  const headlines = async (text: string) => (await search(text)).items.map((hit) => hit.article.content.headline);

  it('finds an English story by a word of its body in another form (english stemming)', async () => {
    await fixtures.live({ article: testContent({ headline: 'Harbour council meets', standfirst: undefined, body: paragraph('Councillors voted for the crane ban on Thursday.') }) });
    await fixtures.live({ article: testContent({ headline: 'Unrelated weather', standfirst: undefined, body: paragraph('Rain all week.') }) });

    expect(await headlines('voting')).toEqual(['Harbour council meets']);
    expect(await headlines('cranes')).toEqual(['Harbour council meets']);
  });

  it("finds a story by its section's name, below one whose text says the word", async () => {
    await fixtures.live({ article: testContent({ headline: 'River barrier approved', section: 'climate', standfirst: undefined, body: paragraph('Work starts in spring.') }) });
    await fixtures.live({ article: testContent({ headline: 'Climate plan published', section: 'politics', standfirst: undefined, body: paragraph('The council set its targets.') }) });
    await fixtures.live({ article: testContent({ headline: 'Market day moves', section: 'business', standfirst: undefined, body: paragraph('Stalls open on Friday.') }) });

    expect(await headlines('climate')).toEqual(['Climate plan published', 'River barrier approved']);
  });

  it('finds a Ukrainian story by a word of its body, indexed without stemming', async () => {
    await fixtures.live({
      article: testContent({ headline: 'Київ готується до зими', standfirst: undefined, language: 'uk', body: paragraph('Міська рада затвердила план опалення на зиму.') }),
    });

    expect(await headlines('опалення')).toEqual(['Київ готується до зими']);
    expect(await headlines('Опалення')).toEqual(['Київ готується до зими']);
    expect(await headlines('опаленням')).toEqual([]);
  });

  it('ranks a story with the words in its headline above one with them in its body', async () => {
    await fixtures.live({ article: testContent({ headline: 'Budget vote delayed', standfirst: undefined, body: paragraph('The tunnel plan waits.') }) });
    await fixtures.live({ article: testContent({ headline: 'Tunnel plan approved', standfirst: undefined, body: paragraph('Work starts in spring.') }) });

    expect(await headlines('tunnel')).toEqual(['Tunnel plan approved', 'Budget vote delayed']);
  });

  it('marks the matched words in the headline and in a passage of the text', async () => {
    await fixtures.live({ article: testContent({ headline: 'Ferry fares frozen & tolls <up>', standfirst: undefined, body: paragraph('Ferry fares stay frozen until **March**, the operator said.') }) });

    const [hit] = (await search('fares')).items;
    expect(hit.headline).toBe(`Ferry ${START_MARK}fares${END} frozen & tolls <up>`);
    expect(hit.snippet).toContain(`Ferry ${START_MARK}fares${END} stay frozen until March`);
    expect(hit.rank).toBeGreaterThan(0);
  });

  it('says with an ellipsis where the passage starts or stops in the middle of a block', async () => {
    const long = (word: string) =>
      `Residents of the old town had complained for years about lorries at night. The council heard the ${word} case on Thursday and voted to end the traffic after dark, starting in the spring, with fines for hauliers who ignore the signs.`;
    await fixtures.live({ article: testContent({ headline: 'Night lorries banned', standfirst: undefined, body: paragraph(long('freight')) }) });
    await fixtures.live({ article: testContent({ headline: 'Ferry timetable', standfirst: undefined, body: paragraph('The winter ferry timetable starts on Monday.') }) });

    const [middle] = (await search('freight')).items;
    expect(middle.snippet).toMatch(new RegExp(`^… .*${START_MARK}freight${END}.* …$`));
    const [whole] = (await search('timetable')).items;
    // The whole paragraph, its full stop too, and nothing after it: the byline names are searchable but not the story's text.
    expect(whole.snippet).toBe(`The winter ferry ${START_MARK}timetable${END} starts on Monday.`);
  });

  it('finds only live stories: not a scheduled one, nor a withdrawn one', async () => {
    await fixtures.scheduled(60_000, { article: testContent({ headline: 'Embargoed glacier report', body: paragraph('Glacier retreat measured.') }) });
    await fixtures.withdrawn();
    const live = await fixtures.live({ article: testContent({ headline: 'Live glacier story', body: paragraph('Glacier tours resume.') }) });

    expect(await headlines('glacier')).toEqual(['Live glacier story']);
    expect(await headlines('harbour council approves')).toEqual([]);
    expect((await search('glacier')).items[0].article.id).toBe(live);
  });

  it('follows a correction: the new words are found and the old ones no longer', async () => {
    // With its standfirst: a correction must leave the article passing approval's checks.
    const articleId = await fixtures.live({ article: testContent({ headline: 'Mayor opens bridge', standfirst: 'The bridge is open.', body: paragraph('The bridge cost 40 million.') }) });
    await fixtures.correct(articleId, 'The cost was wrong.', { body: paragraph('The viaduct cost 30 million.') });

    expect(await headlines('viaduct')).toEqual(['Mayor opens bridge']);
    expect(await headlines('40')).toEqual([]);
  });

  it('pages through the results with the total of every match', async () => {
    for (let n = 1; n <= 3; n += 1) {
      fixtures.clock.advance(60_000);
      await fixtures.live({ article: testContent({ headline: `Port story ${n}` }) });
    }
    const firstPage = await search('port', { limit: 2 });
    const secondPage = await search('port', { limit: 2, offset: 2 });
    const pastTheEnd = await search('port', { limit: 2, offset: 4 });

    expect([firstPage.items.length, firstPage.total, secondPage.items.length, secondPage.total]).toEqual([2, 3, 1, 3]);
    expect(pastTheEnd).toEqual({ items: [], total: 3 });
  });

  it('takes web search syntax and odd input without failing', async () => {
    await fixtures.live({ article: testContent({ headline: 'Night bus line opens', standfirst: undefined, body: paragraph('Route N1 runs every 20 minutes.') }) });

    expect(await headlines('"night bus"')).toEqual(['Night bus line opens']);
    expect(await headlines('bus -night')).toEqual([]);
    expect(await headlines('the')).toEqual([]);
    expect(await headlines('"unterminated & | ! :* (')).toEqual([]);
  });

  it('refuses an empty or over-long search: COMMAND.INVALID', () => {
    expect(() => SearchArticlesCommand.create({ text: '   ', limit: 20, offset: 0 })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
    expect(() => SearchArticlesCommand.create({ text: 'x'.repeat(201), limit: 20, offset: 0 })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
  });
});
