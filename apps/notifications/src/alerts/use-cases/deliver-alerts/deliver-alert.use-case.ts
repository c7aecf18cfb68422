import { Injectable, Logger } from '@nestjs/common';
import { AlertChannels, type SendResult } from '../../channels/alert-channels';
import { afterFailure } from '../../domain/retry-policy';
import { DeliveryRepository, type ClaimedDelivery, type RecordedOutcome } from '../../persistence/delivery.repository';

/**
 * Sends one claimed delivery and records the outcome. The row is already
 * `sending` (committed) when this starts, so a crash from here on leaves it
 * `sending`, never `pending`: it is not sent a second time.
 */
@Injectable()
export class DeliverAlertUseCase {
  private readonly logger = new Logger(DeliverAlertUseCase.name);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly channels: AlertChannels,
  ) {}

  async execute(delivery: ClaimedDelivery, workerId: string): Promise<void> {
    const context = { deliveryId: delivery.id, articleId: delivery.articleId, channel: delivery.channel, attempt: delivery.attempt };
    const ineligible = whyNotSendable(delivery);
    if (ineligible) {
      await this.deliveries.cancelClaimed(delivery, workerId, ineligible);
      this.logger.log({ ...context, reason: ineligible }, 'delivery cancelled before sending');
      return;
    }
    const startedAt = new Date();
    const result = await this.send(delivery);
    const outcome = toOutcome(delivery, result, new Date());
    await this.recordWithRetries(delivery, workerId, startedAt, outcome);
    const logged = { ...context, status: outcome.status, responseCode: outcome.responseCode, ms: Date.now() - startedAt.getTime() };
    if (outcome.status === 'sent') this.logger.log(logged, 'alert sent');
    else this.logger.warn({ ...logged, error: outcome.error }, outcome.status === 'pending' ? 'alert not sent; will retry' : 'alert failed');
  }

  private send(delivery: ClaimedDelivery): Promise<SendResult> {
    if (delivery.channel === 'email' && delivery.email) {
      return this.channels.email({ subscriberId: delivery.email.subscriberId, email: delivery.email.email }, delivery.alert);
    }
    if (delivery.channel === 'push' && delivery.push) {
      return this.channels.push(delivery.push, delivery.articleId, delivery.alert);
    }
    return Promise.resolve({ ok: false, failure: { transient: false, responseCode: null, message: 'the recipient no longer exists' } });
  }

  /** The outcome must not be lost to a brief database hiccup: the row would stay `sending` for good. */
  private async recordWithRetries(delivery: ClaimedDelivery, workerId: string, startedAt: Date, outcome: RecordedOutcome): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deliveries.recordOutcome(delivery, workerId, startedAt, outcome);
        return;
      } catch (error) {
        if (attempt >= 5) {
          this.logger.error({ deliveryId: delivery.id, outcome: outcome.status, err: error }, 'could not record a delivery outcome; it stays "sending" and will be marked unknown');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }
}

function whyNotSendable(delivery: ClaimedDelivery): string | undefined {
  if (delivery.channel === 'email' && delivery.email && !delivery.email.confirmed) return 'the subscriber is no longer subscribed';
  if (delivery.channel === 'push' && delivery.push && !delivery.push.active) return 'the push subscription is no longer active';
  return undefined;
}

function toOutcome(delivery: ClaimedDelivery, result: SendResult, now: Date): RecordedOutcome {
  if (result.ok) return { status: 'sent', responseCode: result.responseCode };
  const { failure } = result;
  const next = afterFailure(delivery.attempt, failure.transient, now, failure.retryAfterMs, Math.random());
  if (next.status === 'pending') {
    return { status: 'pending', nextAttemptAt: next.nextAttemptAt, error: failure.message, responseCode: failure.responseCode };
  }
  return {
    status: 'failed',
    error: failure.message,
    responseCode: failure.responseCode,
    ...(failure.recipientGone && delivery.channel === 'push' ? { deactivatePush: failure.message } : {}),
  };
}
