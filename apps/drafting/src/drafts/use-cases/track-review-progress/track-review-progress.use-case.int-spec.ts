import { randomUUID } from 'node:crypto';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { thrownBy } from '@newsroom/testing';
import { alice, DraftFixtures, draftingTestbed, eve, reviewReport } from '../../../../test/drafting.fixtures';
import { ReadDraftsQuery } from '../read-drafts/read-drafts.query';
import { TrackReviewProgressUseCase } from './track-review-progress.use-case';

describe(TrackReviewProgressUseCase.name, () => {
  let testbed: UseCaseTestbed;
  let given: DraftFixtures;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(draftingTestbed('track_progress'));
    given = new DraftFixtures(testbed);
  });
  afterAll(() => testbed?.close());

  const read = (draftId: string) => testbed.get(ReadDraftsQuery).get(alice, draftId);
  /** The timeline is in event time order; reports in these tests happen after the reporter's own entries. */
  const lastEntry = async (draftId: string) => (await read(draftId)).activity.at(-1);

  it('shows a claimed review as in review, with who claimed it on the timeline', async () => {
    const id = await given.submitted();
    const at = new Date(Date.now() + 60_000).toISOString();

    const result = await given.progress(id, { milestone: 'review_claimed', revision: 1, actorId: eve.id, at });

    expect(result).toEqual({ outcome: 'recorded', status: 'in_review', statusMoved: true });
    expect(await read(id)).toMatchObject({ status: 'in_review', editable: false });
    expect(await lastEntry(id)).toEqual({ kind: 'review_claimed', at, actorId: 'eve', revision: 1, note: null, blockIndex: null, publishAt: null });
  });

  it('puts an editor note on the timeline without changing the status', async () => {
    const id = await given.submitted();
    const result = await given.progress(id, { milestone: 'editor_note', revision: 1, actorId: eve.id, note: 'Check the turnover figure.', blockIndex: 3 });
    expect(result).toMatchObject({ outcome: 'recorded', status: 'submitted', statusMoved: false });
    expect(await lastEntry(id)).toMatchObject({ kind: 'editor_note', note: 'Check the turnover figure.', actorId: 'eve', blockIndex: 3 });
  });

  it('hands the text back to the reporter when changes are requested', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'changes_requested', revision: 1, actorId: eve.id, note: 'Name the union spokesperson.' });
    expect(await read(id)).toMatchObject({ status: 'changes_requested', editable: true });
    expect(await lastEntry(id)).toMatchObject({ kind: 'changes_requested', note: 'Name the union spokesperson.' });
  });

  it('shows approval and rejection, with the rejection’s reason', async () => {
    const approved = await given.submitted();
    await given.progress(approved, { milestone: 'approved', revision: 1, actorId: eve.id });
    expect((await read(approved)).status).toBe('approved');

    const rejected = await given.submitted();
    await given.progress(rejected, { milestone: 'rejected', revision: 1, actorId: eve.id, note: 'Not news.' });
    expect(await read(rejected)).toMatchObject({ status: 'rejected', editable: false });
    expect(await lastEntry(rejected)).toMatchObject({ kind: 'rejected', note: 'Not news.' });
  });

  it('shows when a scheduled article goes live, then its public URL once published', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'approved', revision: 1, actorId: eve.id });
    await given.progress(id, { milestone: 'scheduled', revision: 1, publishAt: '2025-11-22T06:00:00.000Z' });
    expect(await read(id)).toMatchObject({ status: 'scheduled', publishAt: '2025-11-22T06:00:00.000Z', publicUrl: null });
    // An editor moves it: the timeline keeps both times, each with its entry.
    await given.progress(id, { milestone: 'scheduled', revision: 1, publishAt: '2025-11-22T09:30:00.000Z' });
    expect((await read(id)).activity.filter((a) => a.kind === 'scheduled').map((a) => a.publishAt)).toEqual(['2025-11-22T06:00:00.000Z', '2025-11-22T09:30:00.000Z']);
    expect(await read(id)).toMatchObject({ publishAt: '2025-11-22T09:30:00.000Z' });

    await given.progress(id, { milestone: 'published', revision: 1, publicUrl: 'https://news.example.org/articles/four-day-week' });

    expect(await read(id)).toMatchObject({ status: 'published', publicUrl: 'https://news.example.org/articles/four-day-week' });
    expect((await read(id)).activity.map((a) => a.kind)).toEqual(['created', 'submitted', 'approved', 'scheduled', 'scheduled', 'published']);
  });

  it('shows a withdrawal, filed under the revision that was live', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'published', revision: 1, publicUrl: 'https://news.example.org/a' });
    await given.progress(id, { milestone: 'withdrawn', actorId: eve.id, note: 'Legal hold.' });
    expect((await read(id)).status).toBe('withdrawn');
    expect(await lastEntry(id)).toMatchObject({ kind: 'withdrawn', revision: 1, note: 'Legal hold.' });
  });

  it('shows an update as the newer revision published, at its public URL', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'published', revision: 1, publicUrl: 'https://news.example.org/articles/four-day-week' });
    await given.progress(id, { milestone: 'approved', revision: 2, actorId: eve.id });

    const result = await given.progress(id, { milestone: 'updated', revision: 2, publicUrl: 'https://news.example.org/articles/four-day-week' });

    expect(result).toEqual({ outcome: 'recorded', status: 'published', statusMoved: true });
    expect(await read(id)).toMatchObject({ status: 'published', publicUrl: 'https://news.example.org/articles/four-day-week' });
    expect(await lastEntry(id)).toMatchObject({ kind: 'updated', revision: 2, actorId: null });
  });

  it('shows a cancelled schedule as cancelled, with nothing waiting, and who cancelled it', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'approved', revision: 1, actorId: eve.id });
    await given.progress(id, { milestone: 'scheduled', revision: 1, publishAt: '2025-11-22T06:00:00.000Z' });

    const result = await given.progress(id, { milestone: 'schedule_cancelled', revision: 1, actorId: eve.id });

    expect(result).toEqual({ outcome: 'recorded', status: 'cancelled', statusMoved: true });
    expect(await read(id)).toMatchObject({ status: 'cancelled', publishAt: null, publicUrl: null, editable: false });
    expect(await lastEntry(id)).toMatchObject({ kind: 'schedule_cancelled', revision: 1, actorId: 'eve' });
  });

  it('keeps a live text’s URL when a newer revision’s schedule is cancelled', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'published', revision: 1, publicUrl: 'https://news.example.org/a' });
    await given.progress(id, { milestone: 'scheduled', revision: 2, publishAt: '2025-11-22T06:00:00.000Z' });
    await given.progress(id, { milestone: 'schedule_cancelled', revision: 2, actorId: eve.id });
    expect(await read(id)).toMatchObject({ status: 'cancelled', publicUrl: 'https://news.example.org/a', publishAt: null });
  });

  it('shows a kill: status killed, no public URL, and the draft still readable by its author and editors', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'published', revision: 1, publicUrl: 'https://news.example.org/a' });

    const result = await given.progress(id, { milestone: 'killed', actorId: eve.id });

    expect(result).toEqual({ outcome: 'recorded', status: 'killed', statusMoved: true });
    expect(await read(id)).toMatchObject({ status: 'killed', publicUrl: null, editable: false });
    expect((await testbed.get(ReadDraftsQuery).get(eve, id)).status).toBe('killed');
    expect(await lastEntry(id)).toEqual({ kind: 'killed', at: expect.any(String), actorId: 'eve', revision: 1, note: null, blockIndex: null, publishAt: null });
  });

  it('keeps a killed article killed whatever arrives later, and still puts it on the timeline', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'killed', actorId: eve.id });

    const late = await given.progress(id, { milestone: 'updated', revision: 2, publicUrl: 'https://news.example.org/a' });

    expect(late).toEqual({ outcome: 'recorded', status: 'killed', statusMoved: false });
    expect(await read(id)).toMatchObject({ status: 'killed', publicUrl: null });
    expect(await lastEntry(id)).toMatchObject({ kind: 'updated', revision: 2 });
  });

  it('never moves a status backwards for the same revision: a late approval leaves it published', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'published', revision: 1, publicUrl: 'https://news.example.org/a' });
    const [{ updated_at: before }] = await testbed.query<{ updated_at: Date }>('SELECT updated_at FROM drafts WHERE id = $1', [id]);

    const late = await given.progress(id, { milestone: 'approved', revision: 1, actorId: eve.id });

    expect(late).toEqual({ outcome: 'recorded', status: 'published', statusMoved: false });
    expect((await read(id)).activity.map((a) => a.kind)).toEqual(['created', 'submitted', 'published', 'approved']);
    const [{ updated_at: after }] = await testbed.query<{ updated_at: Date }>('SELECT updated_at FROM drafts WHERE id = $1', [id]);
    expect(after).toEqual(before);
  });

  it('lets a newer revision move the status to an earlier stage', async () => {
    const id = await given.withChangesRequested();
    await given.edit(id, 1, { headline: 'Revised' });
    await given.submit(id);

    expect(await given.progress(id, { milestone: 'review_claimed', revision: 1, actorId: eve.id })).toMatchObject({ status: 'submitted', statusMoved: false });
    expect(await given.progress(id, { milestone: 'review_claimed', revision: 2, actorId: eve.id })).toMatchObject({ status: 'in_review', statusMoved: true });
  });

  it('records an event once: the same event again changes nothing', async () => {
    const id = await given.submitted();
    const report = reviewReport(id, { milestone: 'changes_requested', revision: 1, actorId: eve.id, note: 'Once only.' });
    const useCase = testbed.get(TrackReviewProgressUseCase);

    expect(await useCase.execute(report)).toMatchObject({ outcome: 'recorded' });
    expect(await useCase.execute(report)).toEqual({ outcome: 'duplicate' });

    expect((await read(id)).activity.filter((a) => a.note === 'Once only.')).toHaveLength(1);
  });

  it('records an event once even when it is delivered twice at the same moment', async () => {
    const id = await given.submitted();
    const report = reviewReport(id, { milestone: 'editor_note', revision: 1, actorId: eve.id, note: 'Concurrent.' });
    const useCase = testbed.get(TrackReviewProgressUseCase);

    const outcomes = await Promise.all([useCase.execute(report), useCase.execute(report)]);

    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'recorded']);
    expect((await read(id)).activity.filter((a) => a.note === 'Concurrent.')).toHaveLength(1);
  });

  it('ignores reports about an article this service never saw', async () => {
    const unknown = randomUUID();
    expect(await given.progress(unknown, { milestone: 'approved', revision: 1, actorId: eve.id })).toEqual({ outcome: 'unknown_article' });
    expect(await testbed.query('SELECT 1 FROM draft_activity WHERE draft_id = $1', [unknown])).toEqual([]);
  });

  it('records no event of its own', async () => {
    const id = await given.submitted();
    await given.progress(id, { milestone: 'approved', revision: 1, actorId: eve.id });
    expect((await testbed.recordedEvents(id)).map((e) => e.type)).toEqual(['news.article.submitted.v1']);
  });

  it('refuses a schedule without a time and a publication or update without a URL: COMMAND.INVALID', () => {
    const id = randomUUID();
    expect(thrownBy(() => reviewReport(id, { milestone: 'scheduled', revision: 1 }))).toMatchObject({ code: 'COMMAND.INVALID', kind: 'validation' });
    expect(thrownBy(() => reviewReport(id, { milestone: 'published', revision: 1, publicUrl: 'javascript:alert(1)' }))).toMatchObject({ code: 'COMMAND.INVALID' });
    expect(thrownBy(() => reviewReport(id, { milestone: 'updated', revision: 2 }))).toMatchObject({ code: 'COMMAND.INVALID' });
    expect(thrownBy(() => reviewReport(id, { milestone: 'archived' as never }))).toMatchObject({ code: 'COMMAND.INVALID' });
    // A correction changes the text too: ApplyCorrectionCommand takes it in.
    expect(thrownBy(() => reviewReport(id, { milestone: 'corrected' as never, revision: 1 }))).toMatchObject({ code: 'COMMAND.INVALID' });
  });
});
