import { randomUUID } from 'node:crypto';
import { DomainError } from '@newsroom/contracts';
import { article } from '../../../test/article.fixtures';
import { Draft, mayReadDraft, requireEditedVersion, type ProgressReport } from './draft';

const at = new Date('2025-11-21T08:00:00Z');
const report = (revision?: number, extra: Partial<ProgressReport> = {}): ProgressReport => ({ eventId: randomUUID(), revision, at, ...extra });

function codeOf(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

function newDraft(): Draft {
  const draft = Draft.create('a', 'alice', article({ headline: 'First' }), at);
  draft.takeChanges();
  return draft;
}

describe(Draft.name, () => {
  it('starts as an editable draft at version 1, with its first revision and a created entry', () => {
    const draft = Draft.create('a', 'alice', article({ headline: 'First' }), at);
    expect(draft.snapshot()).toMatchObject({ status: 'draft', version: 1, authorId: 'alice' });
    expect(draft.canBeEdited).toBe(true);
    const changes = draft.takeChanges();
    expect(changes).toMatchObject({ createdAt: at, revision: { number: 1, authorId: 'alice' } });
    expect(changes.timeline).toEqual([{ kind: 'created', at, actorId: 'alice', revision: 1, note: null, blockIndex: null, publishAt: null, eventId: null }]);
    expect(draft.takeChanges()).toEqual({ createdAt: null, stateChanged: false, revision: null, timeline: [] });
  });

  it('saves an edit made on the current version as a new version, keeping fields it does not name', () => {
    const draft = newDraft();
    draft.edit('alice', 1, { headline: 'Second' }, at);
    expect(draft.version).toBe(2);
    expect(draft.content.headline).toBe('Second');
    expect(draft.content.standfirst).toBe(article().standfirst);
    const changes = draft.takeChanges();
    expect(changes).toMatchObject({ stateChanged: true, revision: { number: 2 } });
    expect(changes.timeline.map((e) => e.kind)).toEqual(['edited']);
  });

  it('refuses an edit made on a stale version and keeps the newer text', () => {
    const draft = newDraft();
    draft.edit('alice', 1, { headline: 'Second' }, at);
    expect(codeOf(() => draft.edit('alice', 1, { headline: 'Lost update' }, at))).toBe('DRAFT.VERSION_CONFLICT');
    expect(draft.content.headline).toBe('Second');
  });

  it('refuses an edit that would leave an invalid article, listing each problem', () => {
    const draft = newDraft();
    expect(codeOf(() => draft.edit('alice', 1, { headline: '' }, at))).toBe('REQUEST.VALIDATION_FAILED');
    expect(draft.version).toBe(1);
  });

  it('needs an edit to name the version it was made on', () => {
    expect(codeOf(() => requireEditedVersion(undefined))).toBe('DRAFT.VERSION_REQUIRED');
    expect(requireEditedVersion(3)).toBe(3);
  });

  it('lets only the author edit or submit', () => {
    const draft = newDraft();
    expect(codeOf(() => draft.edit('bob', 1, { headline: 'x' }, at))).toBe('DRAFT.NOT_AUTHOR');
    expect(codeOf(() => draft.submit('bob', undefined, at))).toBe('DRAFT.NOT_AUTHOR');
  });

  it('shows a draft to its author and to editors and admins only', () => {
    const draft = newDraft();
    expect(draft.isVisibleTo({ id: 'alice', roles: ['reporter'] })).toBe(true);
    expect(draft.isVisibleTo({ id: 'bob', roles: ['reporter'] })).toBe(false);
    expect(mayReadDraft({ id: 'eve', roles: ['editor'] }, 'alice')).toBe(true);
    expect(mayReadDraft({ id: 'root', roles: ['admin'] }, 'alice')).toBe(true);
  });

  it('locks the text while it is under review', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    expect(draft.snapshot()).toMatchObject({ status: 'submitted', submittedRevision: 1 });
    expect(codeOf(() => draft.edit('alice', 1, { headline: 'x' }, at))).toBe('DRAFT.NOT_EDITABLE');
    expect(codeOf(() => draft.submit('alice', undefined, at))).toBe('DRAFT.NOT_SUBMITTABLE');
    draft.recordReviewStatus('review_claimed', report(1));
    expect(draft.status).toBe('in_review');
    expect(codeOf(() => draft.edit('alice', 1, { headline: 'x' }, at))).toBe('DRAFT.NOT_EDITABLE');
  });

  it('refuses a submit that names a stale version', () => {
    const draft = newDraft();
    draft.edit('alice', 1, { headline: 'Second' }, at);
    expect(codeOf(() => draft.submit('alice', 1, at))).toBe('DRAFT.VERSION_CONFLICT');
    expect(draft.status).toBe('draft');
  });

  it('reopens for editing when changes are requested, and can be resubmitted', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordReviewStatus('changes_requested', report(1, { note: 'Name the source' }));
    draft.edit('alice', 1, { headline: 'Revised' }, at);
    draft.submit('alice', 2, at);
    expect(draft.snapshot()).toMatchObject({ status: 'submitted', submittedRevision: 2, statusRevision: 2 });
  });

  it('is the reporter\'s to edit again once recalled from review, and goes back as it was or edited', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    expect(draft.canBeEdited).toBe(false);
    expect(draft.recordReviewStatus('recalled', report(1, { actorId: 'alice' }))).toBe(true);
    expect(draft.snapshot()).toMatchObject({ status: 'recalled', statusRevision: 1 });
    expect(draft.canBeEdited).toBe(true);
    expect(draft.takeChanges().timeline.at(-1)).toMatchObject({ kind: 'recalled', actorId: 'alice', revision: 1 });
    // sent again as it was: the same revision, which review puts back in the queue
    draft.submit('alice', 1, at);
    expect(draft.snapshot()).toMatchObject({ status: 'submitted', submittedRevision: 1, statusRevision: 1 });
    expect(draft.recordReviewStatus('review_claimed', report(1))).toBe(true);
    expect(draft.status).toBe('in_review');
  });

  it('edits a recalled story into a new revision, and can spike it', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordReviewStatus('recalled', report(1));
    draft.edit('alice', 1, { headline: 'Checked again' }, at);
    expect(draft.snapshot()).toMatchObject({ status: 'recalled', version: 2 });
    draft.submit('alice', 2, at);
    expect(draft.snapshot()).toMatchObject({ status: 'submitted', submittedRevision: 2 });
    const other = newDraft();
    other.submit('alice', undefined, at);
    other.recordReviewStatus('recalled', report(1));
    other.spike('alice', undefined, at);
    expect(other.snapshot().spikedAt).toEqual(at);
  });

  it('ignores a status report that is older than what it already knows, but keeps it on the timeline', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    expect(draft.recordPublication('https://example.org/a', report(1))).toBe(true);
    draft.takeChanges();
    // "approved" arrives after "published" (different topics): the status stays published.
    expect(draft.recordReviewStatus('approved', report(1))).toBe(false);
    expect(draft.status).toBe('published');
    const changes = draft.takeChanges();
    expect(changes.stateChanged).toBe(false);
    expect(changes.timeline.map((e) => e.kind)).toEqual(['approved']);
    expect(draft.recordWithdrawal(report())).toBe(true);
    expect(draft.status).toBe('withdrawn');
  });

  it('lets a newer revision move the status even to an earlier stage', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordReviewStatus('changes_requested', report(1));
    draft.edit('alice', 1, { headline: 'Revised' }, at);
    draft.submit('alice', undefined, at);
    expect(draft.recordReviewStatus('review_claimed', report(1))).toBe(false);
    expect(draft.recordReviewStatus('review_claimed', report(2))).toBe(true);
    expect(draft.status).toBe('in_review');
  });

  it('keeps the schedule and the public URL only from reports that move the status', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    const publishAt = new Date('2025-11-22T06:00:00Z');
    expect(draft.recordSchedule(publishAt, report(1))).toBe(true);
    expect(draft.publishAt).toEqual(publishAt);
    expect(draft.recordPublication('https://example.org/a', report(1))).toBe(true);
    expect(draft.recordSchedule(new Date('2030-01-01T00:00:00Z'), report(1))).toBe(false);
    expect(draft.publishAt).toEqual(publishAt);
    expect(draft.publicUrl).toBe('https://example.org/a');
  });

  it('records notes and corrections without changing the status', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.takeChanges();
    const eventId = randomUUID();
    draft.recordEditorNote({ eventId, revision: 1, actorId: 'eve', note: 'Check the figures', blockIndex: 2, at });
    // A correction whose replaced text is unknown changes no text either.
    const text = { headline: 'First', section: 'business', tags: [], language: 'en', bylineNames: ['Daniel Achebe'] };
    expect(draft.applyCorrection({ ...report(1), revision: 1, note: 'Fixed a figure', text }, null)).toEqual({ applied: [], kept: [] });
    expect(draft.status).toBe('submitted');
    const changes = draft.takeChanges();
    expect(changes.stateChanged).toBe(false);
    expect(changes.timeline).toEqual([
      { kind: 'editor_note', at, actorId: 'eve', revision: 1, note: 'Check the figures', blockIndex: 2, publishAt: null, eventId },
      expect.objectContaining({ kind: 'corrected', note: 'Fixed a figure', actorId: null }),
    ]);
  });

  it('files a report without a revision under the revision its status refers to', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.takeChanges();
    draft.recordWithdrawal(report(undefined, { note: 'Legal' }));
    expect(draft.takeChanges().timeline[0]).toMatchObject({ kind: 'withdrawn', revision: 1 });
  });

  it('shows an update as the newer revision published at its URL', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordPublication('https://example.org/a', report(1));
    draft.takeChanges();
    expect(draft.recordUpdate('https://example.org/a', report(2))).toBe(true);
    expect(draft.snapshot()).toMatchObject({ status: 'published', statusRevision: 2, publicUrl: 'https://example.org/a' });
    expect(draft.takeChanges().timeline.map((e) => [e.kind, e.revision])).toEqual([['updated', 2]]);
  });

  it('never lets an update of an older revision overtake a newer one', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordSchedule(new Date('2025-11-22T06:00:00Z'), report(3));
    expect(draft.recordUpdate('https://example.org/old', report(2))).toBe(false);
    expect(draft.snapshot()).toMatchObject({ status: 'scheduled', statusRevision: 3, publicUrl: null });
  });

  it('shows a cancelled schedule as cancelled, with nothing waiting, and keeps a live text’s URL', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordPublication('https://example.org/a', report(1));
    draft.recordSchedule(new Date('2025-11-22T06:00:00Z'), report(2));
    expect(draft.recordScheduleCancellation(report(2, { actorId: 'eve' }))).toBe(true);
    expect(draft.snapshot()).toMatchObject({ status: 'cancelled', statusRevision: 2, publishAt: null, publicUrl: 'https://example.org/a' });
    expect(draft.canBeEdited).toBe(false);
  });

  it('never takes a cancelled revision back to approved or scheduled; a newer revision moves on', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordSchedule(new Date('2025-11-22T06:00:00Z'), report(1));
    draft.recordScheduleCancellation(report(1));
    // The approval travels on another topic and may arrive after the cancellation.
    expect(draft.recordReviewStatus('approved', report(1))).toBe(false);
    expect(draft.recordSchedule(new Date('2025-11-23T06:00:00Z'), report(1))).toBe(false);
    expect(draft.status).toBe('cancelled');
    expect(draft.recordReviewStatus('approved', report(2))).toBe(true);
    expect(draft.status).toBe('approved');
  });

  it('shows a kill as final: no URL, no schedule, and no later report moves it, newer revisions included', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordPublication('https://example.org/a', report(1));
    draft.recordSchedule(new Date('2025-11-22T06:00:00Z'), report(2));
    draft.takeChanges();
    expect(draft.recordKill(report(undefined, { actorId: 'eve' }))).toBe(true);
    expect(draft.snapshot()).toMatchObject({ status: 'killed', statusRevision: 2, publicUrl: null, publishAt: null });
    expect(draft.takeChanges().timeline).toEqual([expect.objectContaining({ kind: 'killed', revision: 2, actorId: 'eve', note: null })]);

    expect(draft.recordUpdate('https://example.org/a', report(3))).toBe(false);
    expect(draft.recordPublication('https://example.org/a', report(3))).toBe(false);
    expect(draft.recordReviewStatus('approved', report(4))).toBe(false);
    expect(draft.recordWithdrawal(report())).toBe(false);
    expect(draft.snapshot()).toMatchObject({ status: 'killed', publicUrl: null });
    expect(draft.takeChanges().timeline.map((e) => e.kind)).toEqual(['updated', 'published', 'approved', 'withdrawn']);
  });

  it('keeps a killed draft readable by its author and editors, and locked', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordKill(report());
    expect(draft.isVisibleTo({ id: 'alice', roles: ['reporter'] })).toBe(true);
    expect(draft.isVisibleTo({ id: 'eve', roles: ['editor'] })).toBe(true);
    expect(codeOf(() => draft.edit('alice', 1, { headline: 'x' }, at))).toBe('DRAFT.NOT_EDITABLE');
    expect(codeOf(() => draft.submit('alice', undefined, at))).toBe('DRAFT.NOT_SUBMITTABLE');
  });
});

describe('a newer revision of a live story', () => {
  /** A draft whose revision 1 was submitted, approved and published. */
  function liveDraft(): Draft {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordReviewStatus('approved', report(1));
    draft.recordPublication('https://news.example.org/articles/first', report(1));
    draft.takeChanges();
    return draft;
  }

  it('copies the live text into a new revision, editable, keeping the public address', () => {
    const draft = liveDraft();
    draft.startRevision('alice', 1, at);
    expect(draft.snapshot()).toMatchObject({ status: 'draft', version: 2, statusRevision: 2, publicUrl: 'https://news.example.org/articles/first' });
    expect(draft.canBeEdited).toBe(true);
    const changes = draft.takeChanges();
    expect(changes).toMatchObject({ stateChanged: true, revision: { number: 2, content: { headline: 'First' } } });
    expect(changes.timeline).toEqual([expect.objectContaining({ kind: 'revision_started', actorId: 'alice', revision: 2 })]);
  });

  it('goes through review again and shows the update as published once it goes live', () => {
    const draft = liveDraft();
    draft.startRevision('alice', undefined, at);
    draft.edit('alice', 2, { headline: 'First, updated' }, at);
    draft.submit('alice', 3, at);
    expect(draft.snapshot()).toMatchObject({ status: 'submitted', submittedRevision: 3 });
    draft.recordReviewStatus('approved', report(3));
    expect(draft.recordUpdate('https://news.example.org/articles/first', report(3))).toBe(true);
    expect(draft.snapshot()).toMatchObject({ status: 'published', statusRevision: 3 });
  });

  it('is not put back to published by a late report about the live revision', () => {
    const draft = liveDraft();
    draft.startRevision('alice', undefined, at);
    expect(draft.recordPublication('https://news.example.org/articles/first', report(1))).toBe(false);
    expect(draft.recordReviewStatus('approved', report(1))).toBe(false);
    expect(draft.status).toBe('draft');
  });

  it('starts from a story taken off the site or whose publication was cancelled: approved, it goes back at the same address', () => {
    const withdrawn = liveDraft();
    expect(withdrawn.recordWithdrawal(report(1))).toBe(true);
    withdrawn.startRevision('alice', undefined, at);
    expect(withdrawn.snapshot()).toMatchObject({ status: 'draft', version: 2, publicUrl: 'https://news.example.org/articles/first' });
    withdrawn.submit('alice', undefined, at);
    withdrawn.recordReviewStatus('approved', report(2));
    expect(withdrawn.recordPublication('https://news.example.org/articles/first', report(2))).toBe(true);
    expect(withdrawn.status).toBe('published');

    const cancelled = newDraft();
    cancelled.submit('alice', undefined, at);
    cancelled.recordReviewStatus('approved', report(1));
    cancelled.recordSchedule(new Date('2030-01-01T00:00:00Z'), report(1));
    expect(cancelled.recordScheduleCancellation(report(1))).toBe(true);
    cancelled.startRevision('alice', undefined, at);
    expect(cancelled.snapshot()).toMatchObject({ status: 'draft', version: 2 });
    expect(cancelled.canBeEdited).toBe(true);
  });

  it('takes a withdrawal of the live revision as such while a newer one is in review, which then brings the story back', () => {
    const draft = liveDraft();
    draft.startRevision('alice', undefined, at);
    draft.submit('alice', undefined, at);
    // Publishing names the revision it took down: the live one, not the one in review.
    expect(draft.recordWithdrawal(report(1))).toBe(false);
    expect(draft.snapshot()).toMatchObject({ status: 'submitted', statusRevision: 2 });
    expect(codeOf(() => draft.startRevision('alice', undefined, at))).toBe('DRAFT.NOT_REVISABLE');
    draft.recordReviewStatus('approved', report(2));
    expect(draft.recordPublication('https://news.example.org/articles/first', report(2))).toBe(true);
    expect(draft.status).toBe('published');
  });

  it('starts only from a published, withdrawn or cancelled story, only by its author, on the current version', () => {
    expect(codeOf(() => newDraft().startRevision('alice', undefined, at))).toBe('DRAFT.NOT_REVISABLE');
    const submitted = newDraft();
    submitted.submit('alice', undefined, at);
    expect(codeOf(() => submitted.startRevision('alice', undefined, at))).toBe('DRAFT.NOT_REVISABLE');
    expect(codeOf(() => liveDraft().startRevision('bob', undefined, at))).toBe('DRAFT.NOT_AUTHOR');
    expect(codeOf(() => liveDraft().startRevision('alice', 7, at))).toBe('DRAFT.VERSION_CONFLICT');
    const killed = liveDraft();
    killed.recordKill(report());
    expect(codeOf(() => killed.startRevision('alice', undefined, at))).toBe('DRAFT.NOT_REVISABLE');
  });

  it('can be revised again when an editor unpublished the story while its update waited (the update announced cancelled)', () => {
    const draft = liveDraft();
    draft.startRevision('alice', undefined, at);
    draft.submit('alice', undefined, at);
    draft.recordReviewStatus('approved', report(2));
    draft.recordSchedule(new Date('2030-01-01T00:00:00Z'), report(2));
    expect(draft.recordWithdrawal(report(1))).toBe(false); // about the live revision 1: the update still waits
    expect(draft.recordScheduleCancellation(report(2))).toBe(true);
    expect(draft.status).toBe('cancelled');
    expect(draft.publishAt).toBeNull();
    draft.startRevision('alice', undefined, at);
    expect(draft.canBeEdited).toBe(true);
  });

  describe('spiking', () => {
    it('sets a draft aside: read-only, its status, text and version kept, with a timeline entry; unspiking brings it back as it was', () => {
      const draft = newDraft();
      expect(draft.spike('alice', 1, at)).toBe(true);
      expect(draft.snapshot()).toMatchObject({ status: 'draft', version: 1, spikedAt: at });
      expect(draft.canBeEdited).toBe(false);
      expect(codeOf(() => draft.edit('alice', 1, { headline: 'Again' }, at))).toBe('DRAFT.SPIKED');
      expect(codeOf(() => draft.submit('alice', undefined, at))).toBe('DRAFT.SPIKED');
      expect(draft.takeChanges()).toMatchObject({ stateChanged: true, revision: null, timeline: [{ kind: 'spiked', actorId: 'alice', revision: 1 }] });

      expect(draft.unspike('alice', at)).toBe(true);
      expect(draft.snapshot()).toMatchObject({ status: 'draft', version: 1, spikedAt: null });
      expect(draft.canBeEdited).toBe(true);
      expect(draft.takeChanges().timeline.map((entry) => entry.kind)).toEqual(['unspiked']);
      draft.edit('alice', 1, { headline: 'Again' }, at);
      expect(draft.version).toBe(2);
    });

    it('changes nothing on a second spike or an unspike of a story not spiked (a double click)', () => {
      const draft = newDraft();
      expect(draft.unspike('alice', at)).toBe(false);
      draft.spike('alice', undefined, at);
      draft.takeChanges();
      expect(draft.spike('alice', undefined, new Date(at.getTime() + 1000))).toBe(false);
      expect(draft.spikedAt).toEqual(at);
      expect(draft.takeChanges()).toEqual({ createdAt: null, stateChanged: false, revision: null, timeline: [] });
    });

    it('spikes a story an editor asked changes of or rejected, and keeps a rejected one rejected when it comes back', () => {
      const changes = newDraft();
      changes.submit('alice', undefined, at);
      changes.recordReviewStatus('changes_requested', report(1, { note: 'Name the source' }));
      expect(changes.spike('alice', undefined, at)).toBe(true);
      const rejected = newDraft();
      rejected.submit('alice', undefined, at);
      rejected.recordReviewStatus('rejected', report(1));
      rejected.spike('alice', undefined, at);
      rejected.unspike('alice', at);
      expect(rejected.status).toBe('rejected');
      expect(rejected.canBeEdited).toBe(false);
    });

    it('refuses a story with the editors, on its way to the site or live, someone else’s, or a stale version', () => {
      const submitted = newDraft();
      submitted.submit('alice', undefined, at);
      expect(codeOf(() => submitted.spike('alice', undefined, at))).toBe('DRAFT.NOT_SPIKEABLE');
      submitted.recordReviewStatus('approved', report(1));
      expect(codeOf(() => submitted.spike('alice', undefined, at))).toBe('DRAFT.NOT_SPIKEABLE');
      // a new revision of a story that was live is a draft again, but the site has it: an editor's to take down
      const live = liveDraft();
      live.startRevision('alice', undefined, at);
      expect(live.status).toBe('draft');
      expect(codeOf(() => live.spike('alice', undefined, at))).toBe('DRAFT.NOT_SPIKEABLE');
      const draft = newDraft();
      expect(codeOf(() => draft.spike('bob', undefined, at))).toBe('DRAFT.NOT_AUTHOR');
      expect(codeOf(() => draft.spike('alice', 7, at))).toBe('DRAFT.VERSION_CONFLICT');
      draft.spike('alice', undefined, at);
      expect(codeOf(() => draft.unspike('bob', at))).toBe('DRAFT.NOT_AUTHOR');
      expect(draft.spikedAt).toEqual(at);
    });
  });
});

describe('sub-editing: the reviewing editor edits the text under review', () => {
  const later = (ms: number) => new Date(at.getTime() + ms);

  function inReviewWith(editorId: string): Draft {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    draft.recordReviewStatus('review_claimed', report(1, { actorId: editorId, at: later(1000) }));
    draft.takeChanges();
    return draft;
  }

  it('saves the edit as a newer revision written by the editor, still in review and now the submitted one', () => {
    const draft = inReviewWith('erin');
    expect(draft.subEdit('erin', 1, { headline: 'Tighter headline' }, later(2000))).toBe(true);
    expect(draft.snapshot()).toMatchObject({ status: 'in_review', version: 2, submittedRevision: 2, statusRevision: 2, reviewerId: 'erin' });
    expect(draft.content.headline).toBe('Tighter headline');
    expect(draft.content.standfirst).toBe(article().standfirst);
    const changes = draft.takeChanges();
    expect(changes.revision).toMatchObject({ number: 2, authorId: 'erin' });
    expect(changes.timeline.map((e) => [e.kind, e.actorId, e.revision])).toEqual([['sub_edited', 'erin', 2]]);
    // The reporter's text stays locked while the editor has it.
    expect(codeOf(() => draft.edit('alice', 2, { headline: 'x' }, at))).toBe('DRAFT.NOT_EDITABLE');
  });

  it('lets only the editor who holds it sub-edit: not the reporter, not another editor', () => {
    const draft = inReviewWith('erin');
    expect(codeOf(() => draft.subEdit('alice', 1, { headline: 'Mine' }, at))).toBe('DRAFT.NOT_REVIEWER');
    expect(codeOf(() => draft.subEdit('eddie', 1, { headline: 'Mine' }, at))).toBe('DRAFT.NOT_REVIEWER');
    expect(draft.version).toBe(1);
  });

  it('follows a take-over: the editor who took the story over sub-edits it, the one who held it no longer can', () => {
    const draft = inReviewWith('eddie');
    draft.recordReviewStatus('review_claimed', report(1, { actorId: 'erin', at: later(5000) }));
    expect(codeOf(() => draft.subEdit('eddie', 1, { headline: 'Mine' }, at))).toBe('DRAFT.NOT_REVIEWER');
    expect(draft.subEdit('erin', 1, { headline: 'Hers' }, at)).toBe(true);
  });

  it('goes by the time of the claims, not their order or revision: a take-over reported late still wins', () => {
    const draft = inReviewWith('erin');
    draft.subEdit('erin', 1, { headline: 'Edited' }, later(2000));
    // Eddie took it over at 3 s, before review had the sub-edit, so his claim names revision 1.
    draft.recordReviewStatus('review_claimed', report(1, { actorId: 'eddie', at: later(3000) }));
    expect(draft.reviewerId).toBe('eddie');
    // An older claim delivered again afterwards changes nothing.
    draft.recordReviewStatus('review_claimed', report(1, { actorId: 'erin', at: later(1000) }));
    expect(draft.reviewerId).toBe('eddie');
    expect(draft.status).toBe('in_review');
  });

  it('is refused before a claim and after a decision: DRAFT.NOT_IN_REVIEW', () => {
    const draft = newDraft();
    draft.submit('alice', undefined, at);
    expect(codeOf(() => draft.subEdit('erin', 1, { headline: 'x' }, at))).toBe('DRAFT.NOT_IN_REVIEW');
    draft.recordReviewStatus('review_claimed', report(1, { actorId: 'erin' }));
    draft.recordReviewStatus('approved', report(1, { actorId: 'erin' }));
    expect(codeOf(() => draft.subEdit('erin', 1, { headline: 'x' }, at))).toBe('DRAFT.NOT_IN_REVIEW');
  });

  it('needs the current version and a valid article, and saves nothing otherwise', () => {
    const draft = inReviewWith('erin');
    expect(codeOf(() => draft.subEdit('erin', 2, { headline: 'x' }, at))).toBe('DRAFT.VERSION_CONFLICT');
    expect(codeOf(() => draft.subEdit('erin', 1, { headline: '' }, at))).toBe('REQUEST.VALIDATION_FAILED');
    expect(draft.version).toBe(1);
    expect(draft.takeChanges()).toEqual({ createdAt: null, stateChanged: false, revision: null, timeline: [] });
  });

  it('saves nothing for an edit that leaves the text as it was', () => {
    const draft = inReviewWith('erin');
    expect(draft.subEdit('erin', 1, { headline: draft.content.headline }, at)).toBe(false);
    expect(draft.version).toBe(1);
    expect(draft.takeChanges().revision).toBeNull();
  });

  it('moves on with review reports about the edited revision: approved, then published', () => {
    const draft = inReviewWith('erin');
    draft.subEdit('erin', 1, { headline: 'Edited' }, at);
    draft.recordReviewStatus('approved', report(2, { actorId: 'erin' }));
    expect(draft.snapshot()).toMatchObject({ status: 'approved', statusRevision: 2 });
    // A late report about the reporter's revision no longer moves it.
    expect(draft.recordReviewStatus('review_claimed', report(1, { actorId: 'erin', at: later(-1) }))).toBe(false);
    expect(draft.status).toBe('approved');
  });

  it('hands the edited text back to the reporter when changes are requested after it', () => {
    const draft = inReviewWith('erin');
    draft.subEdit('erin', 1, { headline: 'Edited' }, at);
    draft.recordReviewStatus('changes_requested', report(2, { actorId: 'erin', note: 'One more source' }));
    expect(draft.canBeEdited).toBe(true);
    draft.edit('alice', 2, { standfirst: 'With one more source.' }, at);
    expect(draft.content).toMatchObject({ headline: 'Edited', standfirst: 'With one more source.' });
  });
});
