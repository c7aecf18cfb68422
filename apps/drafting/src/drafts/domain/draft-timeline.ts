/** What review and publishing report about an article, each one a timeline entry. */
export const REVIEW_MILESTONES = [
  'review_claimed',
  'editor_note',
  'changes_requested',
  'recalled',
  'approved',
  'rejected',
  'scheduled',
  'schedule_cancelled',
  'published',
  'updated',
  'corrected',
  'withdrawn',
  'killed',
] as const;
export type ReviewMilestone = (typeof REVIEW_MILESTONES)[number];

/**
 * Every kind of timeline entry: the reporter's own steps, the reviewing editor's edits of the
 * text (`sub_edited`, made in drafting), then what others reported.
 */
export const ACTIVITY_KINDS = ['created', 'edited', 'submitted', 'revision_started', 'spiked', 'unspiked', 'sub_edited', ...REVIEW_MILESTONES] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Milestones of the review itself, each of which sets the status it names. */
export type ReviewStatusMilestone = Extract<ReviewMilestone, 'review_claimed' | 'changes_requested' | 'recalled' | 'approved' | 'rejected'>;

/**
 * One entry on the reporter's timeline, which holds every change they made and
 * every status change or note that editorial review and publishing reported.
 */
export interface TimelineEntry {
  kind: ActivityKind;
  at: Date;
  /** The reporter or editor who acted; null when a system acted (publishing). */
  actorId: string | null;
  /** The revision the entry is about. */
  revision: number | null;
  /** Editor note, change request, rejection reason, correction or withdrawal note. */
  note: string | null;
  /** For an editor's note on one block of the revision's body: that block, 0-based; null otherwise. */
  blockIndex: number | null;
  /** For a `scheduled` entry: when the revision was to go live then; null otherwise. */
  publishAt: Date | null;
  /** The event the entry mirrors: a timeline never holds two entries from one event. */
  eventId: string | null;
}
