import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@newsroom/persistence';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { announcements, afterStart, PUBLIC_BASE_URL, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { GoLiveCommand } from './go-live.command';
import { GoLiveUseCase } from './go-live.use-case';

const HOUR = 3600_000;

describe(GoLiveUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;
  let goLive: GoLiveUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('go_live'));
    fixtures = new PublishingFixtures(testbed);
    goLive = testbed.get(GoLiveUseCase);
  });
  beforeEach(() => fixtures.clock.set(START));
  afterAll(() => testbed?.close());

  it('makes a scheduled article public once its time has come, fixing its slug and publication time', async () => {
    const articleId = await fixtures.scheduled(HOUR, { article: testContent({ headline: 'Night buses start in March' }) });
    const dueAt = fixtures.clock.advance(HOUR);

    const result = await goLive.execute(GoLiveCommand.create({ articleId }));

    expect(result).toEqual({ articleId, kind: 'first-publication', revision: 1, slug: 'night-buses-start-in-march' });
    expect(await fixtures.row(articleId)).toMatchObject({
      status: 'published',
      slug: 'night-buses-start-in-march',
      revision: 1,
      pending_revision: null,
      due_at: null,
      published_at: dueAt,
      version: 1,
    });
    const published = (await announcements(testbed, articleId)).at(-1);
    expect(published).toMatchObject({ type: 'news.article.published.v1', time: dueAt.toISOString() });
    expect(published?.data).toMatchObject({ url: `${PUBLIC_BASE_URL}/articles/night-buses-start-in-march`, publishedAt: dueAt.toISOString() });
  });

  it('replaces a live article’s text with the revision that waited, keeping its address and first publication time', async () => {
    const articleId = await fixtures.live();
    const { slug } = (await fixtures.row(articleId))!;
    await fixtures.approve({ articleId, revision: 2, publishAt: afterStart(HOUR).toISOString(), article: testContent({ headline: 'Revised' }) });
    const dueAt = fixtures.clock.advance(HOUR);

    const result = await goLive.execute(GoLiveCommand.create({ articleId }));

    expect(result).toEqual({ articleId, kind: 'update', revision: 2, slug });
    expect(await fixtures.row(articleId)).toMatchObject({ slug, revision: 2, content: { headline: 'Revised' }, published_at: START, updated_at: dueAt, revised_at: dueAt, version: 2 });
    const updated = (await announcements(testbed, articleId)).at(-1);
    expect(updated).toMatchObject({ type: 'news.article.updated.v1', time: dueAt.toISOString() });
    expect(updated?.data).toMatchObject({ revision: 2, slug, headline: 'Revised', publishedAt: START.toISOString(), updatedAt: dueAt.toISOString() });
  });

  it('refuses before the time has come, so no schedule or embargo is broken: ARTICLE.NOTHING_DUE', async () => {
    const articleId = await fixtures.scheduled(HOUR);
    fixtures.clock.advance(HOUR - 1);
    const before = await fixtures.row(articleId);

    const error = await refusal(goLive.execute(GoLiveCommand.create({ articleId })));

    expect(error).toMatchObject({ code: 'ARTICLE.NOTHING_DUE', kind: 'conflict' });
    expect(await fixtures.row(articleId)).toEqual(before);
    expect((await announcements(testbed, articleId)).map((event) => event.type)).toEqual(['news.article.scheduled.v1']);
  });

  it('refuses when nothing waits: ARTICLE.NOTHING_DUE', async () => {
    const articleId = await fixtures.live();
    expect((await refusal(goLive.execute(GoLiveCommand.create({ articleId })))).code).toBe('ARTICLE.NOTHING_DUE');
  });

  it('refuses an unknown article: ARTICLE.NOT_FOUND', async () => {
    expect((await refusal(goLive.execute(GoLiveCommand.create({ articleId: randomUUID() })))).code).toBe('ARTICLE.NOT_FOUND');
  });

  it('joins the caller’s unit of work: when the caller rolls back, nothing went live and nothing is announced', async () => {
    const articleId = await fixtures.scheduled(HOUR);
    fixtures.clock.advance(HOUR);
    const before = await fixtures.row(articleId);

    const failing = testbed.get(UnitOfWork).run(async () => {
      await goLive.execute(GoLiveCommand.create({ articleId }));
      throw new Error('the caller fails after going live');
    });

    await expect(failing).rejects.toThrow('the caller fails after going live');
    expect(await fixtures.row(articleId)).toEqual(before);
    expect((await announcements(testbed, articleId)).map((event) => event.type)).toEqual(['news.article.scheduled.v1']);
  });

  it('refuses a malformed command: COMMAND.INVALID', () => {
    expect(() => GoLiveCommand.create({ articleId: 'not-a-uuid' })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
  });
});
