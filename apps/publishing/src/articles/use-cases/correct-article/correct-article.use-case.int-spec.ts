import { randomUUID } from 'node:crypto';
import { validateEvent, type ArticleContent } from '@newsroom/contracts';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { announcements, EDITOR, PUBLIC_BASE_URL, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { PublishDueArticlesCommand } from '../publish-due-articles/publish-due-articles.command';
import { PublishDueArticlesUseCase } from '../publish-due-articles/publish-due-articles.use-case';
import { CorrectArticleCommand } from './correct-article.command';
import { CorrectArticleUseCase } from './correct-article.use-case';

const HOUR = 3600_000;
const NOTE = 'An earlier version gave the wrong vote count.';

describe(CorrectArticleUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('correct_article'));
    fixtures = new PublishingFixtures(testbed);
  });
  beforeEach(() => fixtures.clock.set(START));
  afterAll(() => testbed?.close());

  const corrections = (articleId: string) =>
    testbed.query('SELECT note, editor_id, corrected_at, revision, changed_fields FROM corrections WHERE article_id = $1 ORDER BY id', [articleId]);

  it('replaces the changed fields of the live text, keeping the address and the approved revision', async () => {
    const articleId = await fixtures.live({ revision: 3 });
    const { slug } = (await fixtures.row(articleId))!;
    const correctedAt = fixtures.clock.advance(HOUR);

    const result = await fixtures.correct(articleId, NOTE, { standfirst: 'The vote was 7 to 2, not 8 to 1.' });

    expect(result).toEqual({ articleId, note: NOTE, editorId: EDITOR, correctedAt, revision: 3, changedFields: ['standfirst'] });
    expect(await fixtures.row(articleId)).toMatchObject({
      slug,
      revision: 3,
      content: { standfirst: 'The vote was 7 to 2, not 8 to 1.', headline: testContent().headline },
      corrected_at: correctedAt,
      updated_at: correctedAt,
      published_at: START,
      version: 2,
    });
  });

  it('logs the note publicly with the editor, the revision and the fields that changed', async () => {
    const articleId = await fixtures.live();
    const correctedAt = fixtures.clock.advance(HOUR);
    await fixtures.correct(articleId, NOTE, { headline: 'Council approves crane ban by 7 votes to 2', tags: ['ports'] });

    expect(await corrections(articleId)).toEqual([{ note: NOTE, editor_id: EDITOR, corrected_at: correctedAt, revision: 1, changed_fields: ['headline', 'tags'] }]);
  });

  it('announces the correction with the corrected text and the note', async () => {
    const articleId = await fixtures.live();
    const correctedAt = fixtures.clock.advance(HOUR);
    await fixtures.correct(articleId, NOTE, { standfirst: 'Corrected standfirst.' });

    const corrected = (await announcements(testbed, articleId)).at(-1);
    expect(corrected).toMatchObject({ type: 'news.article.corrected.v1', time: correctedAt.toISOString() });
    expect(corrected?.data).toMatchObject({
      articleId,
      revision: 1,
      url: expect.stringMatching(`^${PUBLIC_BASE_URL}/articles/`),
      standfirst: 'Corrected standfirst.',
      publishedAt: START.toISOString(),
      correctionNote: NOTE,
      correctedAt: correctedAt.toISOString(),
      editorId: EDITOR,
    });
  });

  it('carries the corrected text whole, bylines by name, as a valid event: what drafting takes a corrected body from', async () => {
    const articleId = await fixtures.live();
    const body = [{ type: 'paragraph', text: 'The council voted 7 to 2, not 8 to 1.' }, ...(testContent().body as unknown[]).slice(1)];
    await fixtures.correct(articleId, NOTE, { body });

    const corrected = (await announcements(testbed, articleId)).at(-1)!;
    expect(validateEvent(JSON.parse(JSON.stringify(corrected)))).toMatchObject({ ok: true });
    const data = corrected.data as { article: ArticleContent };
    expect(data.article.body).toEqual(body);
    expect(data.article.headline).toBe(testContent().headline);
    expect(data.article.bylines).toEqual(testContent().bylines.map((byline) => ({ name: byline.name })));
  });

  it('may add a note without changing the text', async () => {
    const articleId = await fixtures.live();
    const result = await fixtures.correct(articleId, 'Clarified who spoke.');
    expect(result.changedFields).toEqual([]);
    expect(await corrections(articleId)).toEqual([expect.objectContaining({ note: 'Clarified who spoke.', changed_fields: [] })]);
  });

  it('is replaced, with the rest of the text, by a newer approved revision; the note stays in the log', async () => {
    const articleId = await fixtures.live();
    await fixtures.correct(articleId, NOTE, { standfirst: 'Corrected standfirst.' });
    fixtures.clock.advance(HOUR);
    await fixtures.approve({ articleId, revision: 2, article: testContent({ standfirst: 'The reporter’s new standfirst.' }) });

    expect(await fixtures.row(articleId)).toMatchObject({ revision: 2, content: { standfirst: 'The reporter’s new standfirst.' } });
    expect(await corrections(articleId)).toHaveLength(1);
  });

  describe('made while the next revision is under review or waiting for its time', () => {
    const first = testContent({ headline: 'Mayor Smith resigns' });
    const smythParagraph = { type: 'paragraph', text: 'Mayor Smyth resigned on Monday.' };
    const correctSmyth = (articleId: string) =>
      fixtures.correct(articleId, 'The mayor is named Smyth, not Smith.', { headline: 'Mayor Smyth resigns', body: [smythParagraph, ...(first.body as unknown[]).slice(1)] });

    it('is carried into a revision approved after it, which only added a paragraph, and the update announces the corrected headline', async () => {
      const articleId = await fixtures.live({ article: first });
      await correctSmyth(articleId);
      fixtures.clock.advance(HOUR);
      // Revision 2 was submitted before the correction: it still says Smith, and adds a paragraph.
      const update = testContent({ headline: 'Mayor Smith resigns', body: [...(first.body as unknown[]), { type: 'paragraph', text: 'His deputy was sworn in.' }] });
      await fixtures.approve({ articleId, revision: 2, article: update });

      const row = (await fixtures.row(articleId))!;
      expect(row).toMatchObject({ revision: 2, content: { headline: 'Mayor Smyth resigns' } });
      expect(row.content!.body[0]).toEqual(smythParagraph);
      expect(row.content!.body.at(-1)).toEqual({ type: 'paragraph', text: 'His deputy was sworn in.' });
      // What the editor approved is kept apart: the base the next correction is carried from.
      expect(row.live_as_approved).toMatchObject({ headline: 'Mayor Smith resigns' });
      const updated = (await announcements(testbed, articleId)).at(-1)!;
      expect(updated).toMatchObject({ type: 'news.article.updated.v1', data: { revision: 2, headline: 'Mayor Smyth resigns' } });
      expect(validateEvent(JSON.parse(JSON.stringify(updated)))).toMatchObject({ ok: true });
      // The live text whole, for drafting to start the next revision from; bylines by name.
      const text = (updated.data as { article: ArticleContent }).article;
      expect(text.body[0]).toEqual(smythParagraph);
      expect(text.bylines).toEqual(first.bylines.map((byline) => ({ name: byline.name })));
    });

    it('names in the update what the revision rewrote itself, which keeps its own wording', async () => {
      const articleId = await fixtures.live({ article: first });
      await correctSmyth(articleId);
      await fixtures.approve({ articleId, revision: 2, article: testContent({ ...first, headline: 'Mayor Smith resigns; deputy sworn in' }) });

      const { content } = (await fixtures.row(articleId))!;
      expect(content!.headline).toBe('Mayor Smith resigns; deputy sworn in');
      expect(content!.body[0]).toEqual(smythParagraph);
      const updated = (await announcements(testbed, articleId)).at(-1)!;
      expect(updated.data).toMatchObject({ headline: 'Mayor Smith resigns; deputy sworn in', correctionsNotCarried: ['headline'] });
      expect(validateEvent(JSON.parse(JSON.stringify(updated)))).toMatchObject({ ok: true });
    });

    it('leaves the text out of an update that had no correction to carry', async () => {
      const articleId = await fixtures.live({ article: first });
      await fixtures.correct(articleId, 'Clarified who spoke.');
      await fixtures.approve({ articleId, revision: 2, article: testContent({ ...first, standfirst: 'Later.' }) });
      const updated = (await announcements(testbed, articleId)).at(-1)!;
      expect(updated).toMatchObject({ type: 'news.article.updated.v1', data: { revision: 2, standfirst: 'Later.' } });
      expect(updated.data).not.toHaveProperty('article');
      expect(updated.data).not.toHaveProperty('correctionsNotCarried');
    });

    it('is carried into a revision that was already waiting for its time, when that time comes', async () => {
      const articleId = await fixtures.live({ article: first });
      await fixtures.approve({ articleId, revision: 2, article: testContent({ ...first, standfirst: 'His deputy takes over.' }), publishAt: new Date(fixtures.clock.now().getTime() + 2 * HOUR).toISOString() });
      await correctSmyth(articleId);
      expect(await fixtures.row(articleId)).toMatchObject({ revision: 1, pending_revision: 2, content: { headline: 'Mayor Smyth resigns' } });

      fixtures.clock.advance(3 * HOUR);
      await testbed.get(PublishDueArticlesUseCase).execute(PublishDueArticlesCommand.create({ limit: 10 }));

      const row = (await fixtures.row(articleId))!;
      expect(row).toMatchObject({ revision: 2, pending_revision: null, content: { headline: 'Mayor Smyth resigns', standfirst: 'His deputy takes over.' } });
      expect(row.content!.body[0]).toEqual(smythParagraph);
    });
  });

  describe('refuses, changing nothing and announcing nothing,', () => {
    it('a correction that would make the article invalid: ARTICLE.INVALID_CORRECTION with the paths', async () => {
      const articleId = await fixtures.live();
      const before = await fixtures.row(articleId);

      const error = await refusal(fixtures.correct(articleId, NOTE, { headline: '', body: [{ type: 'video' }] }));

      expect(error).toMatchObject({ code: 'ARTICLE.INVALID_CORRECTION', kind: 'validation' });
      expect((error.details as { path: string }[]).map((issue) => issue.path).sort()).toEqual(['changes.body.0.type', 'changes.headline']);
      expect(await fixtures.row(articleId)).toEqual(before);
      expect(await corrections(articleId)).toEqual([]);
      expect(await announcements(testbed, articleId)).toHaveLength(1);
    });

    it.each([
      ['a body paragraph', { type: 'paragraph', text: '[x](javascript:alert(1))' }],
      ['a quote', { type: 'quote', text: 'Read [the letter](javascript:alert(1)).', attribution: 'A resident' }],
    ])('a javascript: link in %s: ARTICLE.BLOCKING_CHECKS listing UNSAFE_LINK', async (_label, block) => {
      const articleId = await fixtures.live();
      const before = await fixtures.row(articleId);
      const body = [...testContent().body, block];

      const error = await refusal(fixtures.correct(articleId, NOTE, { body }));

      expect(error).toMatchObject({ code: 'ARTICLE.BLOCKING_CHECKS', kind: 'conflict' });
      expect(error.details).toEqual([expect.objectContaining({ code: 'UNSAFE_LINK', path: `body.${body.length - 1}.text` })]);
      expect(await fixtures.row(articleId)).toEqual(before);
      expect(await corrections(articleId)).toEqual([]);
      expect(await announcements(testbed, articleId)).toHaveLength(1);
    });

    it.each([
      ['empty', {}],
      ['equal to the live text', { headline: testContent().headline, standfirst: testContent().standfirst }],
    ])('changes that are %s: ARTICLE.NOTHING_CORRECTED', async (_label, changes) => {
      const articleId = await fixtures.live();
      const before = await fixtures.row(articleId);

      expect(await refusal(fixtures.correct(articleId, NOTE, changes))).toMatchObject({ code: 'ARTICLE.NOTHING_CORRECTED', kind: 'validation' });
      expect(await fixtures.row(articleId)).toEqual(before);
      expect(await corrections(articleId)).toEqual([]);
      expect(await announcements(testbed, articleId)).toHaveLength(1);
    });

    it('a field the article does not have: ARTICLE.INVALID_CORRECTION', async () => {
      const articleId = await fixtures.live();
      expect((await refusal(fixtures.correct(articleId, NOTE, { html: '<b>' }))).code).toBe('ARTICLE.INVALID_CORRECTION');
    });

    it('an article still waiting for its time: ARTICLE.NOT_PUBLISHED (scheduled)', async () => {
      const articleId = await fixtures.scheduled(HOUR);
      const error = await refusal(fixtures.correct(articleId, NOTE));
      expect(error).toMatchObject({ code: 'ARTICLE.NOT_PUBLISHED', kind: 'conflict', details: { status: 'scheduled' } });
      expect(await corrections(articleId)).toEqual([]);
    });

    it('a withdrawn article: ARTICLE.NOT_PUBLISHED (withdrawn)', async () => {
      const articleId = await fixtures.withdrawn();
      expect(await refusal(fixtures.correct(articleId, NOTE))).toMatchObject({ code: 'ARTICLE.NOT_PUBLISHED', details: { status: 'withdrawn' } });
    });

    it('an unknown article: ARTICLE.NOT_FOUND', async () => {
      expect((await refusal(fixtures.correct(randomUUID(), NOTE))).code).toBe('ARTICLE.NOT_FOUND');
    });

    it.each([
      ['without a note', ''],
      ['whose note readers would see as empty (zero-width spaces)', '\u200B\u200B'],
    ])('a command %s: COMMAND.INVALID', (_what, note) => {
      expect(() => CorrectArticleCommand.create({ articleId: randomUUID(), editorId: EDITOR, note })).toThrow(
        expect.objectContaining({ code: 'COMMAND.INVALID', kind: 'validation' }),
      );
    });
  });
});
