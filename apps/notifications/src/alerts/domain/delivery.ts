import type { AlertText } from './article-alert';
import type { Channel } from './delivery-status';
import { afterFailure } from './retry-policy';
import type { SendResult } from './send-failure';

/** A delivery a worker marked `sending` (committed), with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  articleId: string;
  channel: Channel;
  /** The number of this attempt, 1 for the first. */
  attempt: number;
  claimedAt: Date;
  /** When the article went live (null for an alert queued before it was recorded); the delivery-speed metric starts here. */
  publishedAt: Date | null;
  alert: AlertText;
  /** For a delivery of kind `correction`: the editor's note saying what was corrected; null for the alert itself. */
  correction: { note: string } | null;
  email: { subscriberId: string; email: string; confirmed: boolean } | null;
  push: { pushSubscriptionId: string; endpoint: string; p256dh: string; auth: string; active: boolean } | null;
  /** W3C traceparent of the article's fan-out, so the send joins the story's trace; null for alerts fanned out before it was kept. */
  traceparent: string | null;
  /** The rate-limited destination it was counted against (`email`, a push host or `*.domain`); only set when DELIVERY_RATE_LIMITS is. */
  destination?: string;
}

/**
 * What an attempt leaves behind. `pushGone` asks to end the push subscription (the push
 * service said it is gone); `bounced` asks to mark the subscriber's address bounced (the
 * mail server refused it for good), with the SMTP reply code.
 */
export type DeliveryOutcome =
  | { status: 'sent'; responseCode: number | null }
  | { status: 'pending'; nextAttemptAt: Date; error: string; responseCode: number | null }
  | { status: 'failed'; error: string; responseCode: number | null; pushGone?: string; bounced?: string };

/**
 * Why a claimed delivery must not be sent after all: its recipient left
 * between the fan-out and now. Undefined when it may be sent.
 */
export function whyNotSendable(delivery: ClaimedDelivery): string | undefined {
  if (delivery.channel === 'email' && delivery.email && !delivery.email.confirmed) return 'the subscriber is no longer subscribed';
  if (delivery.channel === 'push' && delivery.push && !delivery.push.active) return 'the push subscription is no longer active';
  return undefined;
}

/**
 * The outcome of an attempt from what the channel reported: sent; retried
 * later (transient failures, by the retry policy); or failed for good. A push
 * service answering 404/410 also ends the push subscription; a mail server's 5xx
 * to RCPT TO or DATA marks the address bounced. `jitter` (0..1)
 * spreads retries of deliveries that failed together.
 */
export function outcomeOf(delivery: ClaimedDelivery, result: SendResult, now: Date, jitter: number): DeliveryOutcome {
  if (result.ok) return { status: 'sent', responseCode: result.responseCode };
  const { failure } = result;
  const next = afterFailure(delivery.attempt, failure.transient, now, failure.retryAfterMs, jitter);
  if (next.status === 'pending') {
    return { status: 'pending', nextAttemptAt: next.nextAttemptAt, error: failure.message, responseCode: failure.responseCode };
  }
  return {
    status: 'failed',
    error: failure.message,
    responseCode: failure.responseCode,
    ...(failure.recipientGone && delivery.channel === 'push' ? { pushGone: failure.message } : {}),
    ...(failure.recipientGone && delivery.channel === 'email' ? { bounced: failure.message } : {}),
  };
}

/**
 * A push service's 404/410 from an endpoint the browser has replaced since the alert was claimed
 * (it reported the new one meanwhile): not the recipient's failure, and not a reason to end the
 * subscription. The alert goes again at once, to the new endpoint; the attempt is counted.
 */
export function sendAgainAfterReplacement(gone: { error: string; responseCode: number | null }, now: Date): DeliveryOutcome {
  return { status: 'pending', nextAttemptAt: now, error: `${gone.error}; the browser has replaced that endpoint since: sending again to the new one`, responseCode: gone.responseCode };
}
