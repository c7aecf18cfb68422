import { Injectable, Logger } from '@nestjs/common';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import { normalizePreferences, type PreferencesInput } from '../../domain/preferences';
import { alreadyUnsubscribed, recipientNotFound } from '../../domain/subscription.errors';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import { emailRecipientView, pushRecipientView, type RecipientView } from './recipient-view';

/** The preferences page behind a signed "manage" link, for email and push alike. */
@Injectable()
export class ManagePreferencesUseCase {
  private readonly logger = new Logger(ManagePreferencesUseCase.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly links: SubscriberLinks,
  ) {}

  async view(token: unknown): Promise<RecipientView> {
    const claims = this.links.verify(token, 'manage');
    if (claims.kind === 'email') {
      const subscriber = await this.subscriptions.findSubscriber(claims.recipientId);
      if (!subscriber) throw recipientNotFound();
      return emailRecipientView(subscriber);
    }
    const push = await this.subscriptions.findPush(claims.recipientId);
    if (!push) throw recipientNotFound();
    return pushRecipientView(push);
  }

  async update(token: unknown, input: PreferencesInput): Promise<RecipientView> {
    const claims = this.links.verify(token, 'manage');
    const preferences = normalizePreferences(input);
    const view = await this.subscriptions.transaction(async (manager) => {
      if (claims.kind === 'email') {
        const subscriber = await this.subscriptions.findSubscriberForUpdate(manager, claims.recipientId);
        if (!subscriber) throw recipientNotFound();
        subscriber.changePreferences(preferences);
        await this.subscriptions.saveSubscriber(manager, subscriber);
        return emailRecipientView(subscriber);
      }
      const push = await this.subscriptions.findPushForUpdate(manager, claims.recipientId);
      if (!push) throw recipientNotFound();
      if (!push.active) throw alreadyUnsubscribed();
      await this.subscriptions.savePushPreferences(manager, push.id, preferences);
      return pushRecipientView({ ...push, ...preferences });
    });
    this.logger.log({ recipientId: claims.recipientId, kind: claims.kind }, 'preferences changed');
    return view;
  }
}
