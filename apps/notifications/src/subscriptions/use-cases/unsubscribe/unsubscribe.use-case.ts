import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { viewOf, type RecipientView } from '../../domain/recipient';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import type { UnsubscribeCommand } from './unsubscribe.command';

export interface UnsubscribeResult {
  view: RecipientView;
  /** False when it was unsubscribed already (the request is idempotent). */
  changed: boolean;
}

/**
 * Unsubscribe, from the confirmation page's button or a mail client's RFC 8058
 * one-click POST. Idempotent; alerts still waiting to be sent to this recipient
 * are cancelled in the same transaction. Errors: SUBSCRIBER.NOT_FOUND.
 */
@Injectable()
export class UnsubscribeUseCase {
  private readonly logger = new Logger(UnsubscribeUseCase.name);

  constructor(private readonly subscriptions: SubscriptionRepository) {}

  @Transactional()
  async execute(command: UnsubscribeCommand): Promise<UnsubscribeResult> {
    const { recipient, changed } = await this.subscriptions.updateRecipient(command.kind, command.recipientId, (found) => found.unsubscribe(new Date()));
    if (changed) {
      await this.subscriptions.cancelPendingAlertsOf(recipient.id, 'unsubscribed before it was sent');
      this.logger.log({ recipientId: command.recipientId, kind: command.kind }, 'unsubscribed');
    }
    return { view: viewOf(recipient), changed };
  }
}
