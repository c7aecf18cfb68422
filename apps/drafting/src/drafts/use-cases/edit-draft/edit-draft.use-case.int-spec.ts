import { UseCaseTestbed } from '@newsroom/test-harness';
import { sampleArticle } from '../../../../test/article.fixtures';
import { thrownBy } from '@newsroom/testing';
import { alice, bob, DraftFixtures, draftingTestbed, eve } from '../../../../test/drafting.fixtures';
import type { AuthenticatedUser } from '@newsroom/auth';
import { ReadDraftsQuery } from '../read-drafts/read-drafts.query';
import { EditDraftCommand } from './edit-draft.command';
import { EditDraftUseCase } from './edit-draft.use-case';

describe(EditDraftUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let given: DraftFixtures;
  let editDraft: EditDraftUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(draftingTestbed('edit_draft'));
    given = new DraftFixtures(testbed);
    editDraft = testbed.get(EditDraftUseCase);
  });
  afterAll(() => testbed?.close());

  const edit = (draftId: string, expectedVersion: number | undefined, changes: Record<string, unknown>, actor: AuthenticatedUser = alice) =>
    editDraft.execute(EditDraftCommand.create({ draftId, actor, expectedVersion, changes }));
  const read = (draftId: string) => testbed.get(ReadDraftsQuery).get(alice, draftId);
  const revisionNumbers = async (draftId: string) =>
    (await testbed.query<{ number: number }>('SELECT number FROM draft_revisions WHERE draft_id = $1 ORDER BY number', [draftId])).map((r) => r.number);

  it('saves the edit as a new revision, keeping the fields it does not name', async () => {
    const id = await given.draft();

    expect(await edit(id, 1, { headline: 'Second take' })).toEqual({ version: 2 });

    const view = await read(id);
    expect(view).toMatchObject({ version: 2, status: 'draft', article: { headline: 'Second take', standfirst: sampleArticle().standfirst, tags: sampleArticle().tags } });
    expect(view.activity.map((a) => [a.kind, a.revision, a.actorId])).toEqual([['created', 1, 'alice'], ['edited', 2, 'alice']]);
    expect(await revisionNumbers(id)).toEqual([1, 2]);
    const [first] = await testbed.query<{ content: { headline: string } }>('SELECT content FROM draft_revisions WHERE draft_id = $1 AND number = 1', [id]);
    expect(first.content.headline).toBe(sampleArticle().headline);
  });

  it('replaces the body whole', async () => {
    const id = await given.draft();
    await edit(id, 1, { body: [{ type: 'paragraph', text: 'Only this now.' }] });
    expect((await read(id)).article.body).toEqual([{ type: 'paragraph', text: 'Only this now.' }]);
  });

  it('needs the version the edit was made on: DRAFT.VERSION_REQUIRED', async () => {
    const id = await given.draft();
    await expect(edit(id, undefined, { headline: 'No version' })).rejects.toMatchObject({ code: 'DRAFT.VERSION_REQUIRED', kind: 'precondition_required' });
    expect((await read(id)).version).toBe(1);
  });

  it('refuses an edit made on a stale version with DRAFT.VERSION_CONFLICT, naming the current one, and saves nothing', async () => {
    const id = await given.draft();
    await edit(id, 1, { headline: 'Second take' });

    await expect(edit(id, 1, { headline: 'Lost update' })).rejects.toMatchObject({
      code: 'DRAFT.VERSION_CONFLICT',
      kind: 'precondition_failed',
      details: { currentVersion: 2 },
    });
    expect((await read(id)).article.headline).toBe('Second take');
    expect(await revisionNumbers(id)).toEqual([1, 2]);
  });

  it('answers DRAFT.NOT_FOUND for a missing draft and for another reporter’s draft', async () => {
    const id = await given.draft(alice);
    await expect(edit(id, 1, { headline: 'Bob was here' }, bob)).rejects.toMatchObject({ code: 'DRAFT.NOT_FOUND', kind: 'not_found' });
    await expect(edit('5f0c8a8e-7c3b-4d7e-9d55-0c4a1b2c3d4e', 1, { headline: 'x' })).rejects.toMatchObject({ code: 'DRAFT.NOT_FOUND' });
    expect((await read(id)).version).toBe(1);
  });

  it('lets an editor read but not edit a reporter’s draft: DRAFT.NOT_AUTHOR', async () => {
    const id = await given.draft(alice);
    await expect(edit(id, 1, { headline: 'Editor rewrite' }, eve)).rejects.toMatchObject({ code: 'DRAFT.NOT_AUTHOR', kind: 'forbidden' });
  });

  it('refuses an edit that leaves an invalid article with REQUEST.VALIDATION_FAILED, naming the field', async () => {
    const id = await given.draft();
    await expect(edit(id, 1, { headline: '' })).rejects.toMatchObject({
      code: 'REQUEST.VALIDATION_FAILED',
      kind: 'validation',
      details: [expect.objectContaining({ path: 'headline' })],
    });
    expect((await read(id)).version).toBe(1);
  });

  it('locks the text once submitted: DRAFT.NOT_EDITABLE', async () => {
    const id = await given.submitted();
    await expect(edit(id, 1, { headline: 'Too late' })).rejects.toMatchObject({ code: 'DRAFT.NOT_EDITABLE', kind: 'conflict' });
  });

  it('reopens the text when an editor asked for changes', async () => {
    const id = await given.withChangesRequested();
    expect(await edit(id, 1, { headline: 'Revised' })).toEqual({ version: 2 });
    expect((await read(id)).status).toBe('changes_requested');
  });

  it('saves exactly one of two concurrent edits of the same version; the other gets DRAFT.VERSION_CONFLICT', async () => {
    const id = await given.draft();

    const outcomes = await Promise.allSettled([edit(id, 1, { headline: 'Mine' }), edit(id, 1, { headline: 'Yours' })]);

    const saved = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(saved).toHaveLength(1);
    expect(refused.map((o) => (o.reason as { code?: string }).code)).toEqual(['DRAFT.VERSION_CONFLICT']);
    expect(await revisionNumbers(id)).toEqual([1, 2]);
  });

  it('records no event: edits stay in drafting until submitted', async () => {
    const id = await given.draft();
    await edit(id, 1, { headline: 'Quiet edit' });
    expect(await testbed.recordedEvents(id)).toEqual([]);
  });

  it('refuses a command that is not about an article id', () => {
    expect(thrownBy(() => EditDraftCommand.create({ draftId: 'not-a-uuid', actor: alice, expectedVersion: 1, changes: {} }))).toMatchObject({ code: 'COMMAND.INVALID' });
  });
});
