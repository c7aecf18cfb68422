/** Where an article stands in review. */
export const REVIEW_STATUSES = ['pending', 'in_review', 'changes_requested', 'approved', 'rejected', 'recalled', 'killed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * Nothing happens to the item afterwards: a decision, or `killed` (publishing killed the story,
 * a legal removal, whatever review had decided; a newer revision of an approved story reopens it,
 * but a killed one never comes back).
 */
export const FINAL_STATUSES: readonly ReviewStatus[] = ['approved', 'rejected', 'killed'];

export const DECISION_KINDS = ['changes_requested', 'approved', 'rejected'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * Back with the reporter, to be submitted again: the editors asked for changes, or the reporter
 * recalled it from the queue. A submission of the same revision (the reporter found nothing to
 * change, or only wanted to look again) puts it back in the queue as it is.
 */
export const RETURNED_STATUSES: readonly ReviewStatus[] = ['changes_requested', 'recalled'];
