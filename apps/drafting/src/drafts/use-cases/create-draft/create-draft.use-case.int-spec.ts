import { UseCaseTestbed } from '@newsroom/test-harness';
import { article, sampleArticle } from '../../../../test/article.fixtures';
import { thrownBy } from '@newsroom/testing';
import { alice, bob, draftingTestbed } from '../../../../test/drafting.fixtures';
import { ReadDraftsQuery } from '../read-drafts/read-drafts.query';
import { CreateDraftCommand } from './create-draft.command';
import { CreateDraftUseCase } from './create-draft.use-case';

describe(CreateDraftUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let createDraft: CreateDraftUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(draftingTestbed('create_draft'));
    createDraft = testbed.get(CreateDraftUseCase);
  });
  afterAll(() => testbed?.close());

  it('stores a new draft at version 1 with its first revision and a created entry on the timeline', async () => {
    const result = await createDraft.execute(CreateDraftCommand.create({ authorId: alice.id, article: article() }));

    expect(result.version).toBe(1);
    const view = await testbed.get(ReadDraftsQuery).get(alice, result.draftId);
    expect(view).toMatchObject({ id: result.draftId, authorId: 'alice', status: 'draft', version: 1, editable: true, publicUrl: null });
    expect(view.article.headline).toBe(sampleArticle().headline);
    expect(view.activity).toEqual([expect.objectContaining({ kind: 'created', actorId: 'alice', revision: 1, note: null })]);
    const revisions = await testbed.query('SELECT number, author_id FROM draft_revisions WHERE draft_id = $1', [result.draftId]);
    expect(revisions).toEqual([{ number: 1, author_id: 'alice' }]);
  });

  it('gives every draft its own article id', async () => {
    const first = await createDraft.execute(CreateDraftCommand.create({ authorId: bob.id, article: article() }));
    const second = await createDraft.execute(CreateDraftCommand.create({ authorId: bob.id, article: article() }));
    expect(first.draftId).not.toBe(second.draftId);
    expect(first.draftId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('announces nothing: a draft is private until it is submitted', async () => {
    const { draftId } = await createDraft.execute(CreateDraftCommand.create({ authorId: alice.id, article: article() }));
    expect(await testbed.recordedEvents(draftId)).toEqual([]);
  });

  it('refuses an invalid article with COMMAND.INVALID, naming each problem', () => {
    const error = thrownBy(() => CreateDraftCommand.create({ authorId: alice.id, article: { ...sampleArticle(), headline: '', extra: 1 } as never }));
    expect(error).toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation' });
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'article.headline' }), expect.objectContaining({ path: 'article.extra' })]));
  });

  it('refuses a command without an author', () => {
    expect(thrownBy(() => CreateDraftCommand.create({ authorId: '', article: article() }))).toMatchObject({ code: 'COMMAND.INVALID' });
  });
});
