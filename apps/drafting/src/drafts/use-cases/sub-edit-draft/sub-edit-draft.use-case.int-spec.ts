import type { AuthenticatedUser } from '@newsroom/auth';
import { EVENT_TYPES } from '@newsroom/contracts';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { sampleArticle } from '../../../../test/article.fixtures';
import { alice, DraftFixtures, draftingTestbed, eve } from '../../../../test/drafting.fixtures';
import { ReadDraftsQuery } from '../read-drafts/read-drafts.query';
import { SubEditDraftCommand } from './sub-edit-draft.command';
import { SubEditDraftUseCase } from './sub-edit-draft.use-case';

const erin: AuthenticatedUser = { id: 'erin', roles: ['editor'] };

describe(SubEditDraftUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let given: DraftFixtures;
  let subEditDraft: SubEditDraftUseCase;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(draftingTestbed('sub_edit_draft'));
    given = new DraftFixtures(testbed);
    subEditDraft = testbed.get(SubEditDraftUseCase);
  });
  afterAll(() => testbed?.close());

  const subEdit = (draftId: string, expectedVersion: number | undefined, changes: Record<string, unknown>, actor: AuthenticatedUser = eve) =>
    subEditDraft.execute(SubEditDraftCommand.create({ draftId, actor, expectedVersion, changes }));
  const read = (draftId: string) => testbed.get(ReadDraftsQuery).get(alice, draftId);
  const revisions = (draftId: string) =>
    testbed.query<{ number: number; author_id: string }>('SELECT number, author_id FROM draft_revisions WHERE draft_id = $1 ORDER BY number', [draftId]);

  it('saves the editor’s edit as a revision of theirs and records its submission with editedBy, in one transaction', async () => {
    const id = await given.inReviewWith(eve);

    expect(await subEdit(id, 1, { headline: 'Tighter headline' })).toEqual({ revision: 2, edited: true });

    const view = await read(id);
    expect(view).toMatchObject({ status: 'in_review', version: 2, submittedRevision: 2, reviewerId: 'eve', editable: false, article: { headline: 'Tighter headline', standfirst: sampleArticle().standfirst } });
    expect(view.activity.map((a) => [a.kind, a.actorId, a.revision])).toEqual([
      ['created', 'alice', 1],
      ['submitted', 'alice', 1],
      ['review_claimed', 'eve', 1],
      ['sub_edited', 'eve', 2],
    ]);
    expect(await revisions(id)).toEqual([
      { number: 1, author_id: 'alice' },
      { number: 2, author_id: 'eve' },
    ]);
    const events = (await testbed.recordedEvents(id)).filter((e) => e.type === EVENT_TYPES.articleSubmitted);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ revision: 1, authorId: 'alice' }),
      expect.objectContaining({ revision: 2, authorId: 'alice', editedBy: 'eve', article: expect.objectContaining({ headline: 'Tighter headline' }) }),
    ]);
    expect(events[0].data).not.toHaveProperty('editedBy');
  });

  it('saves and announces nothing for an edit that changes nothing', async () => {
    const id = await given.inReviewWith(eve);
    expect(await subEdit(id, 1, { headline: sampleArticle().headline })).toEqual({ revision: 1, edited: false });
    expect(await revisions(id)).toHaveLength(1);
    expect((await testbed.recordedEvents(id)).filter((e) => e.type === EVENT_TYPES.articleSubmitted)).toHaveLength(1);
  });

  it('follows a take-over reported by review: the new holder may sub-edit, the one before may not', async () => {
    const id = await given.inReviewWith(eve);
    await given.progress(id, { milestone: 'review_claimed', revision: 1, actorId: erin.id, at: new Date(Date.now() + 1000).toISOString() });
    await expect(subEdit(id, 1, { headline: 'Eve again' })).rejects.toMatchObject({ code: 'DRAFT.NOT_REVIEWER', kind: 'forbidden', details: { reviewerId: 'erin' } });
    expect(await subEdit(id, 1, { headline: 'Erin’s' }, erin)).toEqual({ revision: 2, edited: true });
  });

  it.each([
    ['the reporter', alice],
    ['another editor', erin],
  ] as const)('refuses %s with DRAFT.NOT_REVIEWER, and saves nothing', async (_who, actor) => {
    const id = await given.inReviewWith(eve);
    await expect(subEdit(id, 1, { headline: 'Not yours' }, actor)).rejects.toMatchObject({ code: 'DRAFT.NOT_REVIEWER', kind: 'forbidden' });
    expect((await read(id)).version).toBe(1);
  });

  it('refuses a story no editor holds, or one already decided: DRAFT.NOT_IN_REVIEW', async () => {
    const waiting = await given.submitted();
    await expect(subEdit(waiting, 1, { headline: 'x' })).rejects.toMatchObject({ code: 'DRAFT.NOT_IN_REVIEW', kind: 'conflict' });
    const sentBack = await given.inReviewWith(eve);
    await given.progress(sentBack, { milestone: 'changes_requested', revision: 1, actorId: eve.id, note: 'Check the figure' });
    await expect(subEdit(sentBack, 1, { headline: 'x' })).rejects.toMatchObject({ code: 'DRAFT.NOT_IN_REVIEW' });
  });

  it('needs the version edited, current, and a valid article', async () => {
    const id = await given.inReviewWith(eve);
    await expect(subEdit(id, undefined, { headline: 'x' })).rejects.toMatchObject({ code: 'DRAFT.VERSION_REQUIRED' });
    await expect(subEdit(id, 2, { headline: 'x' })).rejects.toMatchObject({ code: 'DRAFT.VERSION_CONFLICT', details: { currentVersion: 1 } });
    await expect(subEdit(id, 1, { headline: '' })).rejects.toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', details: [expect.objectContaining({ path: 'headline' })] });
    expect(await revisions(id)).toHaveLength(1);
  });

  it('saves exactly one of two concurrent sub-edits of the same version; the other gets DRAFT.VERSION_CONFLICT', async () => {
    const id = await given.inReviewWith(eve);
    const outcomes = await Promise.allSettled([subEdit(id, 1, { headline: 'One' }), subEdit(id, 1, { headline: 'Two' })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'DRAFT.VERSION_CONFLICT' } });
    expect(await revisions(id)).toHaveLength(2);
  });
});
