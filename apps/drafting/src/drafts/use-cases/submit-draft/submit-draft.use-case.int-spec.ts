import type { AuthenticatedUser } from '@newsroom/auth';
import { EVENT_SOURCES, EVENT_TYPES, TOPICS } from '@newsroom/contracts';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { sampleArticle } from '../../../../test/article.fixtures';
import { alice, bob, DraftFixtures, draftingTestbed, eve } from '../../../../test/drafting.fixtures';
import { EditDraftCommand } from '../edit-draft/edit-draft.command';
import { EditDraftUseCase } from '../edit-draft/edit-draft.use-case';
import { ReadDraftsQuery } from '../read-drafts/read-drafts.query';
import { SubmitDraftCommand } from './submit-draft.command';
import { SubmitDraftUseCase } from './submit-draft.use-case';

describe(SubmitDraftUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let given: DraftFixtures;
  let submitDraft: SubmitDraftUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(draftingTestbed('submit_draft'));
    given = new DraftFixtures(testbed);
    submitDraft = testbed.get(SubmitDraftUseCase);
  });
  afterAll(() => testbed?.close());

  const submit = (draftId: string, actor: AuthenticatedUser = alice, expectedVersion?: number) =>
    submitDraft.execute(SubmitDraftCommand.create({ draftId, actor, expectedVersion }));
  const edit = (draftId: string, expectedVersion: number, headline: string) =>
    testbed.get(EditDraftUseCase).execute(EditDraftCommand.create({ draftId, actor: alice, expectedVersion, changes: { headline } }));
  const read = (draftId: string) => testbed.get(ReadDraftsQuery).get(alice, draftId);

  it('marks the draft submitted and records the submitted event with that revision’s exact text', async () => {
    const id = await given.draft();
    await edit(id, 1, 'Second take');

    const result = await submit(id);

    expect(result.revision).toBe(2);
    const view = await read(id);
    expect(view).toMatchObject({ status: 'submitted', submittedRevision: 2, editable: false });
    expect(view.activity.map((a) => a.kind)).toEqual(['created', 'edited', 'submitted']);
    const events = await testbed.recordedEvents(id);
    expect(events).toEqual([
      expect.objectContaining({
        id: result.eventId,
        type: EVENT_TYPES.articleSubmitted,
        source: EVENT_SOURCES.drafting,
        subject: id,
        data: expect.objectContaining({ articleId: id, revision: 2, authorId: 'alice', article: expect.objectContaining({ headline: 'Second take', standfirst: sampleArticle().standfirst }) }),
      }),
    ]);
    const [row] = await testbed.query('SELECT topic, message_key FROM outbox WHERE event_id = $1', [result.eventId]);
    expect(row).toEqual({ topic: TOPICS.drafting, message_key: id });
  });

  it('accepts the current version in If-Match', async () => {
    const id = await given.draft();
    expect((await submit(id, alice, 1)).revision).toBe(1);
  });

  it('refuses a stale version with DRAFT.VERSION_CONFLICT and records nothing', async () => {
    const id = await given.draft();
    await edit(id, 1, 'Second take');
    await expect(submit(id, alice, 1)).rejects.toMatchObject({ code: 'DRAFT.VERSION_CONFLICT', details: { currentVersion: 2 } });
    expect((await read(id)).status).toBe('draft');
    expect(await testbed.recordedEvents(id)).toEqual([]);
  });

  it('answers DRAFT.NOT_FOUND for a missing draft and for another reporter’s draft', async () => {
    const id = await given.draft(alice);
    await expect(submit(id, bob)).rejects.toMatchObject({ code: 'DRAFT.NOT_FOUND', kind: 'not_found' });
    await expect(submit('5f0c8a8e-7c3b-4d7e-9d55-0c4a1b2c3d4e')).rejects.toMatchObject({ code: 'DRAFT.NOT_FOUND' });
  });

  it('lets only the author submit: DRAFT.NOT_AUTHOR for an editor', async () => {
    const id = await given.draft(alice);
    await expect(submit(id, eve)).rejects.toMatchObject({ code: 'DRAFT.NOT_AUTHOR', kind: 'forbidden' });
    expect(await testbed.recordedEvents(id)).toEqual([]);
  });

  it('refuses to submit twice with DRAFT.NOT_SUBMITTABLE, recording one event', async () => {
    const id = await given.submitted();
    await expect(submit(id)).rejects.toMatchObject({ code: 'DRAFT.NOT_SUBMITTABLE', kind: 'conflict' });
    expect(await testbed.recordedEvents(id)).toHaveLength(1);
  });

  it('resubmits the revised text after changes were requested', async () => {
    const id = await given.withChangesRequested();
    await edit(id, 1, 'Revised');

    expect((await submit(id)).revision).toBe(2);

    const events = await testbed.recordedEvents(id);
    expect(events.map((e) => [e.type, (e.data as { revision: number }).revision])).toEqual([
      [EVENT_TYPES.articleSubmitted, 1],
      [EVENT_TYPES.articleSubmitted, 2],
    ]);
    expect((await read(id)).status).toBe('submitted');
  });

  it('sends one of two concurrent submits; the other gets DRAFT.NOT_SUBMITTABLE', async () => {
    const id = await given.draft();

    const outcomes = await Promise.allSettled([submit(id), submit(id)]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.map((o) => (o.reason as { code?: string }).code)).toEqual(['DRAFT.NOT_SUBMITTABLE']);
    expect(await testbed.recordedEvents(id)).toHaveLength(1);
  });
});
