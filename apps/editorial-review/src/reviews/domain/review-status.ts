/** Where an article stands in review. */
export const REVIEW_STATUSES = ['pending', 'in_review', 'changes_requested', 'approved', 'rejected', 'killed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * Nothing happens to the item afterwards: a decision, or `killed` (publishing killed the story,
 * a legal removal, whatever review had decided; a newer revision of an approved story reopens it,
 * but a killed one never comes back).
 */
export const FINAL_STATUSES: readonly ReviewStatus[] = ['approved', 'rejected', 'killed'];

export const DECISION_KINDS = ['changes_requested', 'approved', 'rejected'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
