import { randomUUID } from 'node:crypto';
import type { ArticleContent } from '@newsroom/contracts';
import { thrownBy } from '@newsroom/testing';
import { article } from '../../../test/article.fixtures';
import { Draft, type PublishedCorrection } from './draft';
import { mergeCorrection, type CorrectedText } from './draft-correction';

const at = new Date('2025-11-21T08:00:00Z');
const later = new Date('2025-11-21T12:00:00Z');
const original = article({ headline: 'Mayor Smith resigns', standfirst: 'He leaves after ten years.' });

/** The live text's corrected values: `live`'s fields with `changes`. */
function textOf(live: ArticleContent, changes: Partial<CorrectedText> = {}): CorrectedText {
  return {
    headline: live.headline,
    standfirst: live.standfirst,
    section: live.section,
    tags: live.tags,
    language: live.language,
    bylineNames: live.bylines.map((byline) => byline.name),
    ...changes,
  };
}

function correction(changes: Partial<CorrectedText>, revision = 1, eventId = randomUUID()): PublishedCorrection {
  return { eventId, revision, note: 'The mayor is named Smyth, not Smith.', at: later, text: textOf(original, changes) };
}

/** Takes `published` in as the use case does: against the text the correction replaced. */
function takeIn(draft: Draft, published: PublishedCorrection, savedLiveRevision: ArticleContent = original) {
  return draft.applyCorrection(published, draft.correctedLiveText(published.revision) ?? savedLiveRevision);
}

/** A story whose revision 1 is live. */
function liveDraft(): Draft {
  const draft = Draft.create('a', 'alice', original, at);
  draft.submit('alice', undefined, at);
  draft.recordPublication('https://news.example.org/articles/mayor', { eventId: randomUUID(), revision: 1, at });
  draft.takeChanges();
  return draft;
}

/** A live story whose reporter started revision 2 and saved `edits` as revision 3 (when given). */
function revisionInProgress(edits?: Partial<ArticleContent>): Draft {
  const draft = liveDraft();
  draft.startRevision('alice', 1, at);
  if (edits) draft.edit('alice', 2, edits, at);
  draft.takeChanges();
  return draft;
}

describe('Draft taking in a published correction', () => {
  it('takes every corrected field into a published story as a new revision, which a new revision then starts from', () => {
    const draft = liveDraft();

    expect(takeIn(draft, correction({ headline: 'Mayor Smyth resigns' }))).toEqual({ applied: ['headline'], kept: [] });

    expect(draft.snapshot()).toMatchObject({ status: 'published', statusRevision: 1, version: 2, content: { headline: 'Mayor Smyth resigns', standfirst: original.standfirst } });
    const changes = draft.takeChanges();
    expect(changes).toMatchObject({ stateChanged: true, revision: { number: 2, authorId: 'alice', content: { headline: 'Mayor Smyth resigns' } } });
    expect(changes.timeline).toEqual([expect.objectContaining({ kind: 'corrected', at: later, revision: 1, actorId: null, note: 'The mayor is named Smyth, not Smith.' })]);

    draft.startRevision('alice', 2, at);
    expect(draft.takeChanges().revision).toMatchObject({ number: 3, content: { headline: 'Mayor Smyth resigns' } });
  });

  it('replaces a field the reporter left untouched in a revision in progress, and refuses an edit made on the version before', () => {
    const draft = revisionInProgress({ standfirst: 'He leaves after a decade in office.' });

    expect(takeIn(draft, correction({ headline: 'Mayor Smyth resigns' }))).toEqual({ applied: ['headline'], kept: [] });

    expect(draft.snapshot()).toMatchObject({ status: 'draft', version: 4, content: { headline: 'Mayor Smyth resigns', standfirst: 'He leaves after a decade in office.' } });
    expect(draft.takeChanges().revision).toMatchObject({ number: 4, content: { headline: 'Mayor Smyth resigns' } });
    // The desk's copy is version 3, which still says Smith: saving it would undo the correction.
    expect(thrownBy(() => draft.edit('alice', 3, { headline: 'Mayor Smith resigns' }, at)).code).toBe('DRAFT.VERSION_CONFLICT');
  });

  it('keeps a field the reporter changed, and still puts the correction on the timeline', () => {
    const draft = revisionInProgress({ headline: 'Mayor Smith resigns after ten years' });

    expect(takeIn(draft, correction({ headline: 'Mayor Smyth resigns', standfirst: 'Mr Smyth leaves after ten years.' }))).toEqual({ applied: ['standfirst'], kept: ['headline'] });

    expect(draft.content).toMatchObject({ headline: 'Mayor Smith resigns after ten years', standfirst: 'Mr Smyth leaves after ten years.' });
    expect(draft.takeChanges().timeline.map((entry) => entry.kind)).toEqual(['corrected']);
  });

  it('changes no version when the reporter changed every corrected field', () => {
    const draft = revisionInProgress({ headline: 'Mayor resigns' });
    expect(takeIn(draft, correction({ headline: 'Mayor Smyth resigns' }))).toEqual({ applied: [], kept: ['headline'] });
    expect(draft.snapshot()).toMatchObject({ version: 3, content: { headline: 'Mayor resigns' } });
    const changes = draft.takeChanges();
    expect(changes.revision).toBeNull();
    expect(changes.timeline.map((entry) => entry.kind)).toEqual(['corrected']);
  });

  it('changes nothing twice when the same correction is delivered again', () => {
    const draft = revisionInProgress();
    const published = correction({ headline: 'Mayor Smyth resigns' });
    takeIn(draft, published);
    draft.takeChanges();

    expect(takeIn(draft, published)).toEqual({ applied: [], kept: [] });

    expect(draft.snapshot()).toMatchObject({ version: 3, content: { headline: 'Mayor Smyth resigns' } });
    expect(draft.takeChanges().revision).toBeNull();
  });

  it('compares a later correction with the live text as the earlier one left it', () => {
    const draft = revisionInProgress();
    takeIn(draft, correction({ headline: 'Mayor Smyth resigns' }));

    // Publishing puts the headline back; the reporter's copy follows, as they never changed it.
    expect(takeIn(draft, correction({ headline: 'Mayor Smith resigns' }))).toEqual({ applied: ['headline'], kept: [] });
    expect(draft.snapshot()).toMatchObject({ version: 4, content: { headline: 'Mayor Smith resigns' } });
  });

  it('leaves a revision under review as submitted: its text is what the editors review', () => {
    const draft = revisionInProgress({ standfirst: 'Updated.' });
    draft.submit('alice', 3, at);
    draft.takeChanges();

    expect(takeIn(draft, correction({ headline: 'Mayor Smyth resigns' }))).toEqual({ applied: [], kept: [] });

    expect(draft.snapshot()).toMatchObject({ status: 'submitted', version: 3, content: { headline: 'Mayor Smith resigns' } });
    expect(draft.takeChanges().timeline.map((entry) => entry.kind)).toEqual(['corrected']);
  });

  it('leaves a killed story’s text alone, and a published story alone for a correction of an older revision', () => {
    const killed = liveDraft();
    killed.recordKill({ eventId: randomUUID(), at });
    expect(takeIn(killed, correction({ headline: 'Mayor Smyth resigns' }))).toEqual({ applied: [], kept: [] });
    expect(killed.content.headline).toBe('Mayor Smith resigns');

    const updated = revisionInProgress({ standfirst: 'Updated.' });
    updated.submit('alice', 3, at);
    updated.recordUpdate('https://news.example.org/articles/mayor', { eventId: randomUUID(), revision: 3, at });
    expect(takeIn(updated, correction({ headline: 'Mayor Smyth resigns' }, 1))).toEqual({ applied: [], kept: [] });
    expect(updated.snapshot()).toMatchObject({ version: 3, content: { headline: 'Mayor Smith resigns' } });
  });
});

describe('Draft keeping the live text a correction is compared with', () => {
  it('does not let a late report about an older revision replace the live text of a newer one', () => {
    const draft = liveDraft();
    const newer = original;
    draft.applyCorrection(correction({ headline: 'Mayor Smyth resigns' }, 2), newer);
    expect(draft.correctedLiveText(2)?.headline).toBe('Mayor Smyth resigns');

    // A correction of revision 1, delivered again long after, finds revision 2's text the base.
    draft.applyCorrection(correction({ headline: 'Mayor Smithe resigns' }, 1), original);

    expect(draft.correctedLiveText(2)?.headline).toBe('Mayor Smyth resigns');
    expect(draft.correctedLiveText(1)).toBeNull();
    expect(draft.snapshot().content.headline).toBe('Mayor Smith resigns');
  });
});

describe(mergeCorrection.name, () => {
  it('removes a standfirst the correction removed, and keeps a respelled byline’s account id', () => {
    const live = article({ bylines: [{ name: 'Daniel Achbe', id: 'daniel' }, { name: 'Olena Kravets' }] });
    const merge = mergeCorrection(live, live, { ...textOf(live), standfirst: undefined, bylineNames: ['Daniel Achebe', 'Olena Kravets'] });
    expect(merge.applied).toEqual(['standfirst', 'bylines']);
    expect(merge.working.standfirst).toBeUndefined();
    expect(merge.working.bylines).toEqual([{ name: 'Daniel Achebe', id: 'daniel' }, { name: 'Olena Kravets' }]);
    expect(merge.live).toEqual(merge.working);
  });

  it('keeps each person’s account id when the bylines are reordered, and gives none to a name that replaced someone', () => {
    const live = article({ bylines: [{ name: 'Alice Smith', id: 'acc-alice' }, { name: 'Bob Jones', id: 'acc-bob' }] });
    const reordered = mergeCorrection(live, live, { ...textOf(live), bylineNames: ['Bob Jones', 'Alice Smith'] });
    expect(reordered.working.bylines).toEqual([{ name: 'Bob Jones', id: 'acc-bob' }, { name: 'Alice Smith', id: 'acc-alice' }]);
    const replaced = mergeCorrection(live, live, { ...textOf(live), bylineNames: ['Alice Smith', 'Carol King'] });
    expect(replaced.working.bylines).toEqual([{ name: 'Alice Smith', id: 'acc-alice' }, { name: 'Carol King' }]);
    const respelledAndMoved = mergeCorrection(live, live, { ...textOf(live), bylineNames: ['Bob Jones', 'Alice Smyth'] });
    // respelled and moved at once reads as someone new: no account is guessed
    expect(respelledAndMoved.working.bylines).toEqual([{ name: 'Bob Jones', id: 'acc-bob' }, { name: 'Alice Smyth' }]);
  });

  it('leaves a field alone that already reads as corrected, and changes nothing when the event carries the summary only', () => {
    const live = article();
    const working = article({ headline: 'Corrected already' });
    expect(mergeCorrection(working, live, { ...textOf(live), headline: 'Corrected already' })).toMatchObject({ applied: [], kept: [] });
    const summaryOnly = mergeCorrection(working, live, textOf(live));
    expect(summaryOnly).toMatchObject({ applied: [], kept: [] });
    expect(summaryOnly.working).toBe(working);
  });

  const correctedBody = (live: ArticleContent) => [{ ...live.body[0], text: 'The council voted 7 to 2, not 9 to 0.' } as ArticleContent['body'][number], ...live.body.slice(1)];

  it('takes a corrected body into a working copy whose body the reporter left as it was live', () => {
    const live = article();
    const working = article({ headline: 'A new headline of the reporter’s' });
    const merge = mergeCorrection(working, live, { ...textOf(live), body: correctedBody(live), dateline: live.dateline ?? null });
    expect(merge).toMatchObject({ applied: ['body'], kept: [] });
    expect(merge.working.body[0]).toMatchObject({ text: 'The council voted 7 to 2, not 9 to 0.' });
    expect(merge.working.headline).toBe('A new headline of the reporter’s');
    expect(merge.live.body).toEqual(merge.working.body);
  });

  it('keeps a body the reporter changed, and says the correction was not taken there', () => {
    const live = article();
    const working = article({ body: [{ type: 'paragraph', text: 'The reporter rewrote this.' }] });
    const merge = mergeCorrection(working, live, { ...textOf(live), body: correctedBody(live), dateline: live.dateline ?? null });
    expect(merge).toMatchObject({ applied: [], kept: ['body'] });
    expect(merge.working).toBe(working);
    expect(merge.live.body[0]).toMatchObject({ text: 'The council voted 7 to 2, not 9 to 0.' });
  });

  it('reads a body saved with its keys in another order as the same body', () => {
    const live = article();
    const reordered = { ...live, body: live.body.map((block) => Object.fromEntries(Object.entries(block).reverse()) as typeof block) };
    expect(mergeCorrection(reordered, reordered, { ...textOf(live), body: live.body, dateline: live.dateline ?? null })).toMatchObject({ applied: [], kept: [] });
  });

  it('corrects the dateline, and removes one the correction removed', () => {
    const live = article({ dateline: { place: 'Harwick', date: '2025-11-20' } });
    const moved = mergeCorrection(live, live, { ...textOf(live), body: live.body, dateline: { place: 'Harwick Bay', date: '2025-11-20' } });
    expect(moved).toMatchObject({ applied: ['dateline'], working: { dateline: { place: 'Harwick Bay', date: '2025-11-20' } } });
    const removed = mergeCorrection(live, live, { ...textOf(live), body: live.body, dateline: null });
    expect(removed.applied).toEqual(['dateline']);
    expect(removed.working.dateline).toBeUndefined();
  });
});
