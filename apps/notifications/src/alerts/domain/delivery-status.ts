export const CHANNELS = ['email', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * pending → sending → sent | failed | pending (retry later); pending → cancelled.
 * `unknown`: the worker stopped while sending, so whether the alert arrived is not
 * known; it is never sent again (two alerts are worse than none).
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ATTEMPT_OUTCOMES = ['sent', 'retry', 'failed', 'unknown'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];
