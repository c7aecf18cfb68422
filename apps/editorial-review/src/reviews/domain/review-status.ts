/** Where an article stands in review. */
export const REVIEW_STATUSES = ['pending', 'in_review', 'changes_requested', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Decisions are final: nothing happens to the item afterwards. */
export const FINAL_STATUSES: readonly ReviewStatus[] = ['approved', 'rejected'];

export const DECISION_KINDS = ['changes_requested', 'approved', 'rejected'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
