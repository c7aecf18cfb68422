/**
 * Where an article stands, as its reporter sees it. Drafting owns `draft` and
 * `submitted`; every later status mirrors an editorial-review or publishing event.
 */
export const DRAFT_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
  'recalled',
  'approved',
  'rejected',
  'scheduled',
  'cancelled',
  'published',
  'withdrawn',
  'killed',
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** Statuses in which the reporter may edit the text: theirs to write, sent back by an editor, or recalled from the queue. */
export const EDITABLE_STATUSES: readonly DraftStatus[] = ['draft', 'changes_requested', 'recalled'];

/**
 * Statuses from which the reporter may start a newer revision of the text: a live story
 * (published, corrected or updated), one an editor took off the site (withdrawn: pulled for a
 * fact check, say), or one whose publication an editor cancelled. It goes through review again
 * and, once approved, replaces the live text, or goes (back) on the site, at the same address.
 * A killed story never comes back.
 */
export const REVISABLE_STATUSES: readonly DraftStatus[] = ['published', 'withdrawn', 'cancelled'];

/**
 * Statuses from which the reporter may spike a story (set it aside: off their list, read-only,
 * until they unspike it), provided it never went live: a draft, one an editor asked changes of,
 * or one an editor rejected. A story with the editors (submitted, in review) or on its way to the
 * site is theirs to decide; one that went live is unpublished or killed by an editor.
 */
export const SPIKEABLE_STATUSES: readonly DraftStatus[] = ['draft', 'changes_requested', 'recalled', 'rejected'];

/**
 * Statuses nothing moves on from: a killed story (legal removal) stays killed,
 * whatever review or publishing report about it later, newer revisions included.
 */
export const FINAL_STATUSES: readonly DraftStatus[] = ['killed'];

/**
 * How far along one submitted revision is. Review and publishing events arrive
 * on different topics, so their relative order is not guaranteed: a status
 * only moves forward for the same revision, or to a newer revision.
 */
export const STATUS_PROGRESS: Record<DraftStatus, number> = {
  draft: 0,
  submitted: 1,
  in_review: 2,
  changes_requested: 3,
  // The reporter took the revision back before an editor claimed it: as far along as an editor's
  // decision on it (a late claim of the same revision cannot have happened: review refuses it).
  recalled: 3,
  approved: 3,
  rejected: 3,
  scheduled: 4,
  // An editor cancelled the waiting revision: past `scheduled` (a late approval or schedule of it
  // never revives it) and level with `published`, which publishing never reports for a cancelled
  // revision. A newer revision moves on from it as from any status.
  cancelled: 5,
  published: 5,
  withdrawn: 6,
  killed: 7,
};
