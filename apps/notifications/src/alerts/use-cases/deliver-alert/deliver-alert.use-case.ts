import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import { SubscriptionRepository } from '../../../subscriptions/persistence/subscription.repository';
import { recordAlertAttempt } from '../../alert-metrics';
import { AlertChannels } from '../../channels/alert-channels';
import { outcomeOf, sendAgainAfterReplacement, whyNotSendable, type ClaimedDelivery, type DeliveryOutcome } from '../../domain/delivery';
import { pauseAfter } from '../../domain/destination-limits';
import type { SendResult } from '../../domain/send-failure';
import { DeliveryRepository, type RecordedOutcome } from '../../persistence/delivery.repository';
import type { DeliverAlertCommand } from './deliver-alert.command';

export type DeliverAlertResult =
  /** `pauseMs`: the destination asked us to slow down (push 429, SMTP 421/451): hold it back this long. */
  | { status: DeliveryOutcome['status']; responseCode: number | null; pauseMs?: number }
  /** The recipient left after the fan-out; nothing was sent. */
  | { status: 'cancelled'; reason: string }
  /** The worker does not hold this delivery in `sending` (any more); nothing was sent. */
  | { status: 'not-claimed' };

/** Attempts to store an outcome before giving up on it (the row then stays `sending` and is re-sent once its worker is gone). */
const RECORD_ATTEMPTS = 5;

/**
 * Sends one claimed delivery and records the outcome. The row is already
 * `sending` (committed) when this starts, so a crash from here on leaves it
 * `sending`: the sweep then re-sends it with the same Message-ID / Topic
 * (DeliveryRepository.markAbandoned), which collapses with a copy that did
 * arrive. Channel failures
 * are outcomes (retry later, or failed), never exceptions.
 */
@Injectable()
export class DeliverAlertUseCase {
  private readonly logger = new Logger(DeliverAlertUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deliveries: DeliveryRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly channels: AlertChannels,
  ) {}

  async execute(command: DeliverAlertCommand): Promise<DeliverAlertResult> {
    const { workerId } = command;
    const delivery = await this.deliveries.findClaimed(command.deliveryId, workerId);
    if (!delivery) {
      this.logger.warn({ deliveryId: command.deliveryId, workerId }, 'delivery is not claimed by this worker; not sent');
      return { status: 'not-claimed' };
    }
    return this.deliverClaimed(delivery, workerId, async (entry) => {
      await this.recordWithRetries(delivery, workerId, entry.startedAt, entry.outcome);
    });
  }

  /**
   * Sends a delivery the caller already holds in `sending` (claimed with its
   * text and recipient by DeliveryRepository.claimLane) and hands the outcome to
   * `record` — the delivery worker's batch — resolving once it is stored. An
   * outcome that ends a push subscription or bounces an address, and a delivery
   * cancelled before sending, are recorded here on their own: they touch other rows.
   */
  async deliverClaimed(delivery: ClaimedDelivery, workerId: string, record: (entry: RecordedOutcome) => Promise<void>): Promise<DeliverAlertResult> {
    const context = { deliveryId: delivery.id, articleId: delivery.articleId, channel: delivery.channel, attempt: delivery.attempt };
    const ineligible = whyNotSendable(delivery);
    if (ineligible) {
      await this.unitOfWork.run(() => this.deliveries.cancelClaimed(delivery, workerId, ineligible));
      recordAlertAttempt(delivery.channel, 'cancelled', null);
      this.logger.log({ ...context, reason: ineligible }, 'delivery cancelled before sending');
      return { status: 'cancelled', reason: ineligible };
    }
    const startedAt = new Date();
    const result = await this.send(delivery);
    let outcome = outcomeOf(delivery, result, new Date(), Math.random());
    if (outcome.status === 'failed' && (outcome.pushGone || outcome.bounced)) outcome = await this.recordWithRetries(delivery, workerId, startedAt, outcome);
    else await record({ delivery, startedAt, finishedAt: new Date(), outcome });
    recordAlertAttempt(delivery.channel, outcome.status, delivery.publishedAt);
    const logged = { ...context, status: outcome.status, responseCode: outcome.responseCode, ms: Date.now() - startedAt.getTime() };
    // One line per sent alert would cost more than the send at audience scale: sends are debug, failures stay visible.
    if (outcome.status === 'sent') this.logger.debug(logged, 'alert sent');
    else this.logger.warn({ ...logged, error: outcome.error }, outcome.status === 'pending' ? 'alert not sent; will retry' : 'alert failed');
    const pauseMs = result.ok ? undefined : pauseAfter(delivery.channel, result.failure);
    return pauseMs === undefined ? { status: outcome.status, responseCode: outcome.responseCode } : { status: outcome.status, responseCode: outcome.responseCode, pauseMs };
  }

  private send(delivery: ClaimedDelivery): Promise<SendResult> {
    if (delivery.channel === 'email' && delivery.email) {
      return this.channels.email({ subscriberId: delivery.email.subscriberId, email: delivery.email.email }, delivery.alert, delivery.id, delivery.correction);
    }
    if (delivery.channel === 'push' && delivery.push) {
      return this.channels.push(delivery.push, delivery.articleId, delivery.alert);
    }
    return Promise.resolve({ ok: false, failure: { transient: false, responseCode: null, message: 'the recipient no longer exists' } });
  }

  /**
   * The outcome, its attempt row and, for a push subscription that is gone or an address that
   * bounced, its end: all or nothing. Returns the outcome recorded: a push service's 404/410
   * from an endpoint the browser has replaced since becomes a send to the new one.
   */
  private record(delivery: ClaimedDelivery, workerId: string, startedAt: Date, outcome: DeliveryOutcome): Promise<DeliveryOutcome> {
    return this.unitOfWork.run(async () => {
      let recorded = outcome;
      // The subscription is locked before the delivery row is written, in the order every
      // subscription change takes (the subscription, then its deliveries).
      if (outcome.status === 'failed' && outcome.pushGone && delivery.push) {
        const { pushSubscriptionId, endpoint } = delivery.push;
        const subscription = await this.subscriptions.findPushForUpdate(pushSubscriptionId);
        if (subscription && !subscription.stillAt(endpoint)) {
          recorded = sendAgainAfterReplacement(outcome, new Date());
        } else {
          if (subscription?.endedByPushService(outcome.pushGone, new Date())) await this.subscriptions.savePush(subscription);
          await this.subscriptions.cancelPendingAlertsOfEndedPush(pushSubscriptionId, outcome.pushGone);
        }
      }
      await this.deliveries.recordOutcome(delivery, workerId, startedAt, recorded);
      if (recorded.status === 'failed' && recorded.bounced && delivery.email) {
        // A hard bounce is about the mailbox, not this alert.
        await this.subscriptions.markAddressBounced(delivery.email.subscriberId, recorded.responseCode, recorded.bounced);
      }
      return recorded;
    });
  }

  /** The outcome must not be lost to a brief database hiccup: the row would stay `sending` for good. */
  private async recordWithRetries(delivery: ClaimedDelivery, workerId: string, startedAt: Date, outcome: DeliveryOutcome): Promise<DeliveryOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.record(delivery, workerId, startedAt, outcome);
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS) {
          this.logger.error({ deliveryId: delivery.id, outcome: outcome.status, err: error }, 'could not record a delivery outcome; it stays "sending" and is re-sent once this worker is gone');
          return outcome;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }
}
