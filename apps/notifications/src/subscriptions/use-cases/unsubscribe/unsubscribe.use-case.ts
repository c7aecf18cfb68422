import { Injectable, Logger } from '@nestjs/common';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import { recipientNotFound } from '../../domain/subscription.errors';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import { emailRecipientView, pushRecipientView, type RecipientView } from '../manage-preferences/recipient-view';

/**
 * Unsubscribe through a signed link: from the confirmation page's button or a
 * mail client's RFC 8058 one-click POST. Idempotent, and alerts still waiting to
 * be sent to this recipient are cancelled in the same transaction.
 */
@Injectable()
export class UnsubscribeUseCase {
  private readonly logger = new Logger(UnsubscribeUseCase.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly links: SubscriberLinks,
  ) {}

  async execute(token: unknown): Promise<{ view: RecipientView; changed: boolean }> {
    const claims = this.links.verify(token, 'manage');
    const outcome = await this.subscriptions.transaction(async (manager) => {
      if (claims.kind === 'email') {
        const subscriber = await this.subscriptions.findSubscriberForUpdate(manager, claims.recipientId);
        if (!subscriber) throw recipientNotFound();
        const changed = subscriber.unsubscribe(new Date());
        if (changed) {
          await this.subscriptions.saveSubscriber(manager, subscriber);
          await this.subscriptions.cancelPendingDeliveries(manager, subscriber.state.id, 'unsubscribed before it was sent');
        }
        return { view: emailRecipientView(subscriber), changed };
      }
      const push = await this.subscriptions.findPushForUpdate(manager, claims.recipientId);
      if (!push) throw recipientNotFound();
      const changed = push.active;
      if (changed) {
        await this.subscriptions.deactivatePush(manager, push.id, 'unsubscribed');
        await this.subscriptions.cancelPendingDeliveries(manager, push.id, 'unsubscribed before it was sent');
      }
      return { view: pushRecipientView({ ...push, active: false }), changed };
    });
    if (outcome.changed) this.logger.log({ recipientId: claims.recipientId, kind: claims.kind }, 'unsubscribed');
    return outcome;
  }
}
