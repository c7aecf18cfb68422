import { Injectable, Logger } from '@nestjs/common';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import { linkInvalid } from '../../../shared/links/link.errors';
import type { Preferences } from '../../domain/preferences';
import { recipientNotFound } from '../../domain/subscription.errors';
import { SubscriptionRepository } from '../../persistence/subscription.repository';

export interface ConfirmationOutcome {
  newlyConfirmed: boolean;
  preferences: Preferences;
  preferencesUrl: string;
}

/** The owner of the address followed the link in the confirmation email. */
@Injectable()
export class ConfirmSubscriptionUseCase {
  private readonly logger = new Logger(ConfirmSubscriptionUseCase.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly links: SubscriberLinks,
  ) {}

  async execute(token: unknown): Promise<ConfirmationOutcome> {
    const claims = this.links.verify(token, 'confirm');
    if (claims.kind !== 'email') throw linkInvalid();
    const outcome = await this.subscriptions.transaction(async (manager) => {
      const subscriber = await this.subscriptions.findSubscriberForUpdate(manager, claims.recipientId);
      if (!subscriber) throw recipientNotFound();
      const newlyConfirmed = subscriber.confirm(new Date());
      if (newlyConfirmed) await this.subscriptions.saveSubscriber(manager, subscriber);
      return { newlyConfirmed, preferences: subscriber.state.preferences };
    });
    if (outcome.newlyConfirmed) this.logger.log({ subscriberId: claims.recipientId }, 'subscriber confirmed');
    return { ...outcome, preferencesUrl: this.links.management(claims.recipientId, 'email').preferencesUrl };
  }
}
