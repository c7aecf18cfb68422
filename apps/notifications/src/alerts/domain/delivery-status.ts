export const CHANNELS = ['email', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * pending → sending → sent | failed | pending (retry later); pending → cancelled.
 * A delivery whose worker stopped while sending goes back to `pending` and is
 * re-sent with the same Message-ID / Topic, so a copy that did arrive is
 * collapsed (its attempt is logged `unknown`); `unknown` is where it ends when
 * the re-sends (MAX_RESENDS_AFTER_UNKNOWN) or attempts are used up.
 */
/**
 * What a delivery carries: the story's one `alert`, or a `correction` of a story whose alert
 * already reached the recipient (push: the alert again with the corrected text, replacing the
 * first under the same Topic; e-mail: a short correction notice).
 */
export const DELIVERY_KINDS = ['alert', 'correction'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ATTEMPT_OUTCOMES = ['sent', 'retry', 'failed', 'unknown'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
