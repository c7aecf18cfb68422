import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal } from '@newsroom/testing';
import { announcements, afterStart, EDITOR, PublishingFixtures, publishingTestbed, START } from '../../../../test/publishing.fixtures';
import { testContent } from '../../../../test/test-articles';
import { ReadArticlesQuery } from '../read-articles/read-articles.query';
import { SearchArticlesCommand } from '../search-articles/search-articles.command';
import { SearchArticlesQuery } from '../search-articles/search-articles.query';
import { KillArticleCommand } from './kill-article.command';
import { KillArticleUseCase } from './kill-article.use-case';

const HOUR = 3600_000;

describe(KillArticleUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let fixtures: PublishingFixtures;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(publishingTestbed('kill_article'));
    fixtures = new PublishingFixtures(testbed);
  });
  beforeEach(() => fixtures.clock.set(START));
  afterAll(() => testbed?.close());

  it('removes the text, the public fields, the search document and the corrections; keeps the address reserved', async () => {
    const articleId = await fixtures.live({ article: testContent({ headline: 'Councillor named in inquiry', tags: ['inquiry'] }) });
    await fixtures.correct(articleId, 'An earlier version misspelt the name.');
    const { slug } = (await fixtures.row(articleId))!;
    fixtures.clock.advance(HOUR);

    const result = await fixtures.kill(articleId, 'Court order 2025/118');

    expect(result).toEqual({ articleId, at: afterStart(HOUR), editorId: EDITOR });
    const [row] = await testbed.query(
      `SELECT status, slug, content, pending_content, section, tags, language, author_slugs, search_text, search_document, kill_reason, killed_by FROM articles WHERE id = $1`,
      [articleId],
    );
    expect(row).toEqual({
      status: 'killed',
      slug,
      content: null,
      pending_content: null,
      section: null,
      tags: [],
      language: null,
      author_slugs: [],
      search_text: null,
      search_document: null,
      kill_reason: 'Court order 2025/118',
      killed_by: EDITOR,
    });
    expect(await testbed.query('SELECT 1 FROM corrections WHERE article_id = $1', [articleId])).toEqual([]);
  });

  it('leaves nothing to read: not by id, slug, list, search or the corrections log; only that it was killed', async () => {
    const articleId = await fixtures.live({ article: testContent({ headline: 'Zanzibar ledger leaked' }) });
    await fixtures.correct(articleId, 'Zanzibar note.');
    const { slug } = (await fixtures.row(articleId))!;
    await fixtures.kill(articleId);
    const read = testbed.get(ReadArticlesQuery);

    expect(await read.byId(articleId)).toBeNull();
    expect(await read.bySlug(slug!)).toBeNull();
    expect(await read.isKilled({ id: articleId })).toBe(true);
    expect(await read.isKilled({ slug: slug! })).toBe(true);
    expect((await read.list({ limit: 100, offset: 0 })).items.map((item) => item.id)).not.toContain(articleId);
    expect((await read.corrections(100)).entries.map((entry) => entry.articleId)).not.toContain(articleId);
    expect((await testbed.get(SearchArticlesQuery).execute(SearchArticlesCommand.create({ text: 'Zanzibar', limit: 10, offset: 0 }))).total).toBe(0);
  });

  it('announces the kill with who and when, never the reason', async () => {
    const articleId = await fixtures.live();
    await fixtures.kill(articleId, 'Confidential legal reason');

    const killed = (await announcements(testbed, articleId)).at(-1);
    expect(killed).toMatchObject({ type: 'news.article.killed.v1', data: { articleId, editorId: EDITOR, killedAt: START.toISOString() } });
    expect(JSON.stringify(killed)).not.toContain('Confidential');
  });

  it('stops a story that never went live, and a withdrawn one', async () => {
    const scheduled = await fixtures.scheduled(HOUR);
    const withdrawn = await fixtures.withdrawn();

    await fixtures.kill(scheduled);
    await fixtures.kill(withdrawn);

    expect(await fixtures.row(scheduled)).toMatchObject({ status: 'killed', pending_revision: null, due_at: null });
    expect(await fixtures.row(withdrawn)).toMatchObject({ status: 'killed', content: null, withdrawn_at: null });
  });

  it('is final: a newer approval is refused (ARTICLE.KILLED) and a second kill too', async () => {
    const articleId = await fixtures.live();
    await fixtures.kill(articleId);

    expect((await refusal(fixtures.approve({ articleId, revision: 2 }))).code).toBe('ARTICLE.KILLED');
    expect((await refusal(fixtures.kill(articleId))).code).toBe('ARTICLE.KILLED');
    expect(await fixtures.row(articleId)).toMatchObject({ status: 'killed', revision: null });
  });

  it('refuses an unknown article (ARTICLE.NOT_FOUND) and a command without a reason (COMMAND.INVALID)', async () => {
    expect((await refusal(fixtures.kill(randomUUID()))).code).toBe('ARTICLE.NOT_FOUND');
    expect(() => KillArticleCommand.create({ articleId: randomUUID(), editorId: EDITOR, reason: '' })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
    expect(() => KillArticleCommand.create({ articleId: randomUUID(), editorId: EDITOR, reason: '\u200B' })).toThrow(expect.objectContaining({ code: 'COMMAND.INVALID' }));
  });
});
