import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createEvent, EVENT_TYPES, TOPICS, validateEvent } from '@newsroom/contracts';
import { eventually, UseCaseTestbed } from '@newsroom/test-harness';
import { UnitOfWork } from '@newsroom/persistence';
import { refusal } from '@newsroom/testing';
import { announcements, afterStart, approvalFields, AUTHOR, EDITOR, PUBLIC_BASE_URL, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { ArticleRepository, publicationScheduleChannel } from '../../persistence/article.repository';
import { PublishApprovedArticleCommand } from './publish-approved-article.command';
import { PublishApprovedArticleUseCase } from './publish-approved-article.use-case';

const HOUR = 3600_000;

describe(PublishApprovedArticleUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('publish_approved'));
    fixtures = new PublishingFixtures(testbed);
  });
  beforeEach(() => fixtures.clock.set(START));
  afterAll(() => testbed?.close());

  /** The approvals of a chunk in the caller's unit of work, as the review consumer applies them: prepared together, then each executed. */
  async function approveInUnit(chunk: ReturnType<typeof approvalFields>[]) {
    const publish = testbed.get(PublishApprovedArticleUseCase);
    await publish.prepareTogether(chunk.map((fields) => ({ articleId: fields.articleId, headline: fields.article.headline })));
    const results = [];
    for (const fields of chunk) results.push(await publish.execute(PublishApprovedArticleCommand.create(fields)));
    return results;
  }
  /** approveInUnit in a unit of work of its own, committed. */
  const approveTogether = (chunk: ReturnType<typeof approvalFields>[]) => testbed.get(UnitOfWork).run(() => approveInUnit(chunk));

  describe('a first approval', () => {
    it('without a time publishes exactly the approved text at once, under a slug made from the headline', async () => {
      const article = testContent({ headline: 'Harbour council approves night-time crane ban' });
      const result = await fixtures.approve({ article, priority: 'breaking' });

      expect(result).toEqual({ outcome: 'published', articleId: result.articleId, revision: 1, slug: 'harbour-council-approves-night-time-crane-ban' });
      expect(await fixtures.row(result.articleId)).toMatchObject({
        status: 'published',
        slug: 'harbour-council-approves-night-time-crane-ban',
        revision: 1,
        content: JSON.parse(JSON.stringify(article)),
        due_at: null,
        version: 1,
        published_at: START,
      });
    });

    it('announces the publication with the public URL, the byline names only, and the first publication time', async () => {
      const result = await fixtures.approve({ article: testContent({ headline: 'Ferry timetable changes' }), priority: 'breaking' });
      const events = await announcements(testbed, result.articleId);

      expect(events.map((event) => event.type)).toEqual(['news.article.published.v1']);
      expect(events[0]).toMatchObject({ source: 'newsroom/publishing', subject: result.articleId, time: START.toISOString() });
      expect(events[0].data).toEqual({
        articleId: result.articleId,
        revision: 1,
        slug: 'ferry-timetable-changes',
        url: `${PUBLIC_BASE_URL}/articles/ferry-timetable-changes`,
        headline: 'Ferry timetable changes',
        standfirst: 'Residents won a two-year fight over noise; the port says costs will rise.',
        section: 'politics',
        tags: ['ports', 'noise-pollution'],
        language: 'en',
        bylines: [{ name: 'Olena Kravets' }, { name: 'Tom Reyes' }],
        priority: 'breaking',
        publishedAt: START.toISOString(),
      });
    });

    it('with a schedule and an embargo waits for the later of the two, and announces that time', async () => {
      const result = await fixtures.approve({ publishAt: afterStart(HOUR).toISOString(), embargoUntil: afterStart(2 * HOUR).toISOString() });

      expect(result).toMatchObject({ outcome: 'scheduled', dueAt: afterStart(2 * HOUR) });
      expect(await fixtures.row(result.articleId)).toMatchObject({
        status: 'scheduled',
        slug: null,
        revision: null,
        pending_revision: 1,
        pending_publish_at: afterStart(HOUR),
        pending_embargo_until: afterStart(2 * HOUR),
        due_at: afterStart(2 * HOUR),
      });
      const events = await announcements(testbed, result.articleId);
      expect(events.map((event) => [event.type, event.data])).toEqual([
        ['news.article.scheduled.v1', { articleId: result.articleId, revision: 1, publishAt: afterStart(2 * HOUR).toISOString() }],
      ]);
    });

    it('with a time already past (the consumer lagged) publishes at once', async () => {
      const result = await fixtures.approve({ publishAt: afterStart(-HOUR).toISOString(), embargoUntil: afterStart(-1).toISOString() });
      expect(result.outcome).toBe('published');
    });

    it('wakes the scheduler when it commits a schedule', async () => {
      const listener = new Client({ connectionString: testbed.db.url });
      await listener.connect();
      const notified: string[] = [];
      listener.on('notification', (message) => notified.push(message.channel));
      try {
        await listener.query(`LISTEN "${publicationScheduleChannel('publishing')}"`);
        await fixtures.scheduled(HOUR);
        await eventually('a NOTIFY on the schedule channel', () => notified.length > 0);
        expect(notified).toEqual([publicationScheduleChannel('publishing')]);
      } finally {
        await listener.end();
      }
    });
  });

  describe('a newer approval', () => {
    it('replaces the live text at once and keeps the slug and the first publication time', async () => {
      const articleId = await fixtures.live({ article: testContent({ headline: 'Bridge closes for repairs' }) });
      const { slug } = (await fixtures.row(articleId))!;
      fixtures.clock.advance(HOUR);

      const result = await fixtures.approve({ articleId, revision: 2, article: testContent({ headline: 'Bridge closes for three weeks' }) });

      expect(result).toEqual({ outcome: 'published', articleId, revision: 2, slug });
      expect(await fixtures.row(articleId)).toMatchObject({ slug, revision: 2, content: { headline: 'Bridge closes for three weeks' }, published_at: START, updated_at: afterStart(HOUR), version: 2 });
      const events = await announcements(testbed, articleId);
      expect(events.map((event) => [event.type, event.data])).toEqual([
        ['news.article.published.v1', expect.objectContaining({ revision: 1, publishedAt: START.toISOString() })],
        [
          'news.article.updated.v1',
          expect.objectContaining({ revision: 2, slug, headline: 'Bridge closes for three weeks', publishedAt: START.toISOString(), updatedAt: afterStart(HOUR).toISOString() }),
        ],
      ]);
    });

    it('with a future time keeps the old text live until then', async () => {
      const articleId = await fixtures.live();
      const result = await fixtures.approve({ articleId, revision: 2, publishAt: afterStart(HOUR).toISOString(), article: testContent({ headline: 'Later text' }) });

      expect(result).toMatchObject({ outcome: 'scheduled', revision: 2, dueAt: afterStart(HOUR) });
      expect(await fixtures.row(articleId)).toMatchObject({ status: 'published', revision: 1, pending_revision: 2, due_at: afterStart(HOUR) });
      expect((await announcements(testbed, articleId)).map((event) => event.type)).toEqual(['news.article.published.v1', 'news.article.scheduled.v1']);
    });

    it('cannot lift an embargo still in force: it waits for it, even approved without one', async () => {
      const articleId = await fixtures.scheduled(0, { embargoUntil: afterStart(2 * HOUR).toISOString() });
      fixtures.clock.advance(HOUR);

      const result = await fixtures.approve({ articleId, revision: 2, article: testContent({ headline: 'Second take, no embargo given' }) });

      expect(result).toMatchObject({ outcome: 'scheduled', revision: 2, dueAt: afterStart(2 * HOUR) });
      expect(await fixtures.row(articleId)).toMatchObject({ status: 'scheduled', pending_revision: 2, pending_publish_at: null, pending_embargo_until: afterStart(2 * HOUR) });
    });

    it('given after a withdrawal republishes the article at the same address', async () => {
      const articleId = await fixtures.withdrawn();
      const { slug } = (await fixtures.row(articleId))!;
      fixtures.clock.advance(HOUR);

      const result = await fixtures.approve({ articleId, revision: 2 });

      expect(result).toEqual({ outcome: 'published', articleId, revision: 2, slug });
      expect(await fixtures.row(articleId)).toMatchObject({ status: 'published', revision: 2, withdrawn_at: null });
    });

    it('given before a withdrawal that reached publishing first changes nothing, and is announced as cancelled', async () => {
      const articleId = await fixtures.withdrawn();
      const before = await fixtures.row(articleId);
      const events = await announcements(testbed, articleId);

      const result = await testbed
        .get(PublishApprovedArticleUseCase)
        .execute(PublishApprovedArticleCommand.create({ ...approvalFields({}, afterStart(-HOUR)), articleId, revision: 2 }));

      expect(result).toEqual({ outcome: 'ignored', articleId, revision: 2, reason: 'withdrawn-later' });
      expect(await fixtures.row(articleId)).toEqual(before);
      // The reporter's approved revision will never run: drafting hears so, as after an editor's cancellation.
      const after = await announcements(testbed, articleId);
      expect(after).toHaveLength(events.length + 1);
      expect(after.at(-1)).toMatchObject({ type: EVENT_TYPES.scheduleCancelled, data: { articleId, revision: 2, editorId: before!.withdrawn_by } });
    });
  });

  describe('refuses, changing nothing and announcing nothing,', () => {
    it('an approval by the article’s own author: ARTICLE.SELF_APPROVAL', async () => {
      const command = PublishApprovedArticleCommand.create({ ...approvalFields({}, START), editorId: AUTHOR });
      const error = await refusal(testbed.get(PublishApprovedArticleUseCase).execute(command));

      expect(error).toMatchObject({ code: 'ARTICLE.SELF_APPROVAL', kind: 'forbidden' });
      expect(await fixtures.row(command.articleId)).toBeUndefined();
      expect(await announcements(testbed, command.articleId)).toEqual([]);
    });

    it('a self-approval of a newer revision of a live article: ARTICLE.SELF_APPROVAL', async () => {
      const articleId = await fixtures.live();
      const before = await fixtures.row(articleId);

      const error = await refusal(fixtures.approve({ articleId, revision: 2, authorId: EDITOR, article: testContent({ headline: 'Forged' }) }));

      expect(error.code).toBe('ARTICLE.SELF_APPROVAL');
      expect(await fixtures.row(articleId)).toEqual(before);
      expect(await announcements(testbed, articleId)).toHaveLength(1);
    });

    it.each([
      ['an older revision than the live one', 1],
      ['the live revision with another approval', 2],
    ])('%s: ARTICLE.STALE_REVISION', async (_case, revision) => {
      const articleId = await fixtures.live({ revision: 2 });
      const before = await fixtures.row(articleId);
      fixtures.clock.advance(HOUR);

      const error = await refusal(fixtures.approve({ articleId, revision, article: testContent({ headline: 'Replacement text' }) }));

      expect(error).toMatchObject({ code: 'ARTICLE.STALE_REVISION', kind: 'conflict', details: { revision, latestRevision: 2 } });
      expect(await fixtures.row(articleId)).toEqual(before);
      expect(await announcements(testbed, articleId)).toHaveLength(1);
    });

    it('an older revision than one waiting for its time: ARTICLE.STALE_REVISION', async () => {
      const articleId = await fixtures.scheduled(HOUR, { revision: 3 });
      const error = await refusal(fixtures.approve({ articleId, revision: 2 }));
      expect(error.code).toBe('ARTICLE.STALE_REVISION');
      expect(await fixtures.row(articleId)).toMatchObject({ status: 'scheduled', pending_revision: 3, due_at: afterStart(HOUR) });
    });

    it('a malformed command: COMMAND.INVALID', () => {
      expect(() => PublishApprovedArticleCommand.create({ ...approvalFields({}, START), revision: 0, articleId: 'not-a-uuid' })).toThrow(
        expect.objectContaining({ code: 'COMMAND.INVALID', kind: 'validation' }),
      );
    });
  });

  it('takes the approval it already accepted, sent again, as changing nothing', async () => {
    const fields = approvalFields({}, START);
    const publish = testbed.get(PublishApprovedArticleUseCase);
    await publish.execute(PublishApprovedArticleCommand.create(fields));
    const before = await fixtures.row(fields.articleId);
    fixtures.clock.advance(HOUR);

    const again = await publish.execute(PublishApprovedArticleCommand.create(fields));

    expect(again).toEqual({ outcome: 'ignored', articleId: fields.articleId, revision: 1, reason: 'already-accepted' });
    expect(await fixtures.row(fields.articleId)).toEqual(before);
    expect(await announcements(testbed, fields.articleId)).toHaveLength(1);
  });

  describe('due at once, reads the article once and writes it once', () => {
    /** The statements on the articles table that `work` sends, in order, by kind. */
    async function articleStatements(work: () => Promise<unknown>): Promise<string[]> {
      const sent = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        await work();
        return sent.mock.calls
          .map(([sql]) => sql.replace(/\s+/g, ' ').trim())
          .filter((sql) => /\barticles\b/.test(sql))
          .map((sql) =>
            /^WITH locked AS \(SELECT .* FOR UPDATE\) SELECT .* AS taken_slugs /.test(sql)
              ? 'lock and slug check'
              : /^SELECT .* FOR UPDATE$/.test(sql)
                ? 'lock'
                : /^SELECT slug\b/.test(sql)
                  ? 'slug check'
                  : (/^(INSERT|UPDATE)\b/.exec(sql)?.[1] ?? sql),
          );
      } finally {
        sent.mockRestore();
      }
    }

    it('a first approval: the locking read that finds none and checks the slugs, and one INSERT already live', async () => {
      let articleId = '';
      const statements = await articleStatements(async () => (articleId = (await fixtures.approve({})).articleId));
      expect(statements).toEqual(['lock and slug check', 'INSERT']);
      expect(await fixtures.row(articleId)).toMatchObject({ status: 'published', version: 1, pending_revision: null });
    });

    it('a newer revision of a live article: the locking read and one UPDATE, no second slug check', async () => {
      const articleId = await fixtures.live();
      fixtures.clock.advance(HOUR);
      const statements = await articleStatements(() => fixtures.approve({ articleId, revision: 2 }));
      expect(statements).toEqual(['lock and slug check', 'UPDATE']);
      expect(await fixtures.row(articleId)).toMatchObject({ revision: 2, version: 2, pending_revision: null });
    });

    it('approvals prepared together (a chunk of events): one lock, one slug check, and one INSERT and one UPDATE before the commit', async () => {
      const known = await fixtures.live();
      fixtures.clock.advance(HOUR);
      const chunk = [
        approvalFields({ article: testContent({ headline: 'Dockers vote to strike' }) }, fixtures.clock.now()),
        approvalFields({ articleId: known, revision: 2 }, fixtures.clock.now()),
        approvalFields({ article: testContent({ headline: 'Lighthouse keeper retires' }) }, fixtures.clock.now()),
      ];
      let results: Awaited<ReturnType<typeof approveTogether>> = [];
      const statements = await articleStatements(async () => (results = await approveTogether(chunk)));
      expect(statements).toEqual(['lock', 'slug check', 'INSERT', 'UPDATE']);
      expect(results.map((result) => result.outcome)).toEqual(['published', 'published', 'published']);
      expect(await fixtures.row(chunk[0].articleId)).toMatchObject({ status: 'published', slug: 'dockers-vote-to-strike', revision: 1, version: 1 });
      expect(await fixtures.row(known)).toMatchObject({ revision: 2, version: 2, pending_revision: null });
      expect(await fixtures.row(chunk[2].articleId)).toMatchObject({ status: 'published', slug: 'lighthouse-keeper-retires', revision: 1 });
      expect((await announcements(testbed, chunk[0].articleId)).map((event) => event.type)).toEqual(['news.article.published.v1']);
    });
  });

  describe('approvals prepared together (a chunk of events sharing a transaction)', () => {
    it('stores what the same approvals store one at a time: a first and a newer revision of one article in one chunk', async () => {
      const article = testContent({ headline: 'Flood barrier tested at spring tide' });
      const together = { articleId: randomUUID(), article };
      const apart = { articleId: randomUUID(), article };
      const revisions = (ids: { articleId: string }) => [
        approvalFields({ ...ids, revision: 1, article }, fixtures.clock.now()),
        approvalFields({ ...ids, revision: 2, article: { ...article, standfirst: 'The barrier held; two gates are to be replaced.' } }, afterStart(1000)),
      ];

      const results = await approveTogether(revisions(together));
      const publish = testbed.get(PublishApprovedArticleUseCase);
      for (const fields of revisions(apart)) await publish.execute(PublishApprovedArticleCommand.create(fields));

      expect(results.map((result) => [result.outcome, result.revision])).toEqual([
        ['published', 1],
        ['published', 2],
      ]);
      const { id: _a, slug: slugTogether, created_at: _c, ...rowTogether } = (await fixtures.row(together.articleId))!;
      const { id: _b, slug: slugApart, created_at: _d, ...rowApart } = (await fixtures.row(apart.articleId))!;
      expect(rowTogether).toEqual(rowApart);
      expect(rowTogether).toMatchObject({ revision: 2, version: 2 });
      expect([slugTogether, slugApart]).toEqual(['flood-barrier-tested-at-spring-tide', `flood-barrier-tested-at-spring-tide-${apart.articleId.replace(/-/g, '').slice(0, 8)}`]);
      expect((await announcements(testbed, together.articleId)).map((event) => event.type)).toEqual((await announcements(testbed, apart.articleId)).map((event) => event.type));
    });

    it('gives two new articles with the same headline in one chunk different slugs', async () => {
      const article = testContent({ headline: 'Night buses return to the harbour route' });
      const chunk = [approvalFields({ article }, fixtures.clock.now()), approvalFields({ article }, fixtures.clock.now())];

      const results = await approveTogether(chunk);

      expect(results.map((result) => result.outcome === 'published' && result.slug)).toEqual([
        'night-buses-return-to-the-harbour-route',
        `night-buses-return-to-the-harbour-route-${chunk[1].articleId.replace(/-/g, '').slice(0, 8)}`,
      ]);
    });

    it('counts a slug taken by an article outside the chunk, and writes nothing when the chunk rolls back', async () => {
      const article = testContent({ headline: 'Ferry strike called off' });
      await fixtures.live({ article });
      const fields = approvalFields({ article }, fixtures.clock.now());

      await expect(
        testbed.get(UnitOfWork).run(async () => {
          const [result] = await approveInUnit([fields]);
          expect(result).toMatchObject({ outcome: 'published', slug: `ferry-strike-called-off-${fields.articleId.replace(/-/g, '').slice(0, 8)}` });
          throw new Error('a later event of the chunk failed');
        }),
      ).rejects.toThrow('a later event of the chunk failed');

      expect(await fixtures.row(fields.articleId)).toBeUndefined();
      expect(await announcements(testbed, fields.articleId)).toEqual([]);
    });

    it('writes what it deferred before any other read of the articles in the same unit', async () => {
      const fields = approvalFields({ article: testContent({ headline: 'Harbour wall repairs begin' }) }, fixtures.clock.now());
      const seen = await testbed.get(UnitOfWork).run(async () => {
        await approveInUnit([fields]);
        const locked = await testbed.get(ArticleRepository).findForUpdate(fields.articleId);
        const [row] = await testbed.get(UnitOfWork).manager.query<{ slug: string }[]>('SELECT slug FROM articles WHERE id = $1', [fields.articleId]);
        return { status: locked?.status, slug: row?.slug };
      });
      expect(seen).toEqual({ status: 'published', slug: 'harbour-wall-repairs-begin' });
    });
  });

  /*
   * The events an approval emits are assembled without class-validator at run time (contracts'
   * validated.ts): here each one a real approval records is held to validateEvent, as a consumer
   * of the publishing topic will hold it.
   */
  describe('emits only events a consumer accepts', () => {
    /** The approval as the review consumer takes it: an approved event, validated, made a command with fromValidated. */
    async function approveThroughEvent(overrides: Parameters<typeof approvalFields>[0] = {}) {
      const fields = approvalFields(overrides, fixtures.clock.now());
      const sent = createEvent(EVENT_TYPES.articleApproved, fields, { subject: fields.articleId });
      const received = validateEvent(JSON.parse(JSON.stringify(sent)), { topic: TOPICS.review });
      if (!received.ok || received.event.type !== EVENT_TYPES.articleApproved) throw new Error('the approved event is invalid');
      return testbed.get(PublishApprovedArticleUseCase).execute(PublishApprovedArticleCommand.fromValidated(received.event.data));
    }

    async function consumed(articleId: string) {
      return (await testbed.recordedEvents(articleId)).map((event) => {
        const result = validateEvent(JSON.parse(JSON.stringify(event)), { topic: TOPICS.publishing });
        return [event.type, result.ok ? 'valid' : result.issues];
      });
    }

    it('a first publication: the published event and the site purge', async () => {
      const { articleId } = await approveThroughEvent({ article: testContent({ headline: 'Tram line reopens after storm damage' }) });
      expect(await consumed(articleId)).toEqual([
        ['news.article.published.v1', 'valid'],
        ['news.site.purged.v1', 'valid'],
      ]);
    });

    it('a newer revision: the updated event and the site purge', async () => {
      const articleId = await fixtures.live();
      fixtures.clock.advance(HOUR);
      await approveThroughEvent({ articleId, revision: 2, article: testContent({ headline: 'A new headline', standfirst: undefined }) });
      expect((await consumed(articleId)).slice(2)).toEqual([
        ['news.article.updated.v1', 'valid'],
        ['news.site.purged.v1', 'valid'],
      ]);
    });

    it('a scheduled approval: the scheduled event', async () => {
      const { articleId } = await approveThroughEvent({ publishAt: afterStart(HOUR).toISOString() });
      expect(await consumed(articleId)).toEqual([['news.article.scheduled.v1', 'valid']]);
    });
  });

  it('gives a second article with the same headline the slug with a piece of its id', async () => {
    const article = testContent({ headline: 'Council budget passes' });
    await fixtures.live({ article });
    const twin = await fixtures.approve({ article });
    expect(twin).toMatchObject({ outcome: 'published', slug: `council-budget-passes-${twin.articleId.replace(/-/g, '').slice(0, 8)}` });
  });
});
