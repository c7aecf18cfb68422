import { Injectable, Logger } from '@nestjs/common';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import type { Preferences } from '../../domain/preferences';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import type { ConfirmSubscriptionCommand } from './confirm-subscription.command';

export interface ConfirmationOutcome {
  /** False on a second click: it was confirmed already and nothing changed. */
  newlyConfirmed: boolean;
  preferences: Preferences;
  /** Where to change them (a signed manage link). */
  preferencesUrl: string;
}

/**
 * The owner of the address followed the link in the confirmation email.
 * Errors: SUBSCRIBER.NOT_FOUND, SUBSCRIBER.UNSUBSCRIBED (an old confirmation
 * link cannot undo an unsubscribe).
 */
@Injectable()
export class ConfirmSubscriptionUseCase {
  private readonly logger = new Logger(ConfirmSubscriptionUseCase.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly links: SubscriberLinks,
  ) {}

  async execute(command: ConfirmSubscriptionCommand): Promise<ConfirmationOutcome> {
    const { recipient, changed } = await this.subscriptions.updateSubscriber(command.subscriberId, (subscriber) => subscriber.confirm(new Date()));
    if (changed) this.logger.log({ subscriberId: command.subscriberId }, 'subscriber confirmed');
    return {
      newlyConfirmed: changed,
      preferences: recipient.preferences,
      preferencesUrl: this.links.management(command.subscriberId, 'email').preferencesUrl,
    };
  }
}
