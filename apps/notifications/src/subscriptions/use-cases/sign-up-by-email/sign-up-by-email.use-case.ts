import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@newsroom/contracts';
import { Mailer } from '../../../shared/mail/mailer';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import { maskEmail, normalizeEmail } from '../../domain/email-address';
import { normalizePreferences, type PreferencesInput } from '../../domain/preferences';
import { Subscriber, type SignupEmail } from '../../domain/subscriber';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import { confirmationEmail, manageLinkEmail } from './signup-emails';

/** Raised when the signup is stored but its email could not be handed to the mail server. */
export class SignupEmailNotSentError extends DomainError {
  constructor() {
    super(
      'SUBSCRIBER.EMAIL_NOT_SENT',
      'Your signup is saved, but we could not send the confirmation email just now. Please try again in a few minutes',
      'conflict',
    );
  }
}

/**
 * Email signup with double opt-in. The answer is the same whether or not the
 * address was known, so the endpoint cannot be used to find out who subscribes.
 * The email is sent after the signup is committed: a mail server outage never
 * loses a signup, and the per-minute limit is lifted again so a retry can send it.
 */
@Injectable()
export class SignUpByEmailUseCase {
  private readonly logger = new Logger(SignUpByEmailUseCase.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly links: SubscriberLinks,
    private readonly mailer: Mailer,
  ) {}

  async execute(email: string, input: PreferencesInput): Promise<void> {
    const address = normalizeEmail(email);
    const preferences = normalizePreferences(input);
    const now = new Date();
    const { subscriber, send, previousLinkSentAt } = await this.store(address, preferences, now);
    if (send === 'none') {
      this.logger.log({ subscriberId: subscriber.state.id }, 'repeat signup within a minute; no email sent');
      return;
    }
    const { state } = subscriber;
    const mail =
      send === 'confirmation'
        ? confirmationEmail(state.email, state.preferences, this.links.confirmUrl(state.id))
        : (() => {
            const links = this.links.management(state.id, 'email');
            return manageLinkEmail(state.email, state.preferences, links.preferencesUrl, links.unsubscribeUrl);
          })();
    try {
      await this.mailer.send(mail);
      this.logger.log({ subscriberId: state.id, email: send }, 'signup email sent');
    } catch (error) {
      this.logger.error({ subscriberId: state.id, to: maskEmail(state.email), err: error }, 'signup email could not be sent');
      await this.subscriptions.restoreLinkSentAt(state.id, previousLinkSentAt, now).catch(() => undefined);
      throw new SignupEmailNotSentError();
    }
  }

  private async store(
    email: string,
    preferences: ReturnType<typeof normalizePreferences>,
    now: Date,
  ): Promise<{ subscriber: Subscriber; send: SignupEmail; previousLinkSentAt: Date | null }> {
    // Two signups for a new address can race; the loser sees the winner's row on the second pass.
    for (let pass = 0; ; pass += 1) {
      const outcome = await this.subscriptions.transaction(async (manager) => {
        const existing = await this.subscriptions.findByEmailForUpdate(manager, email);
        if (!existing) {
          const subscriber = Subscriber.signUp(randomUUID(), email, preferences, now);
          const inserted = await this.subscriptions.insertSubscriber(manager, subscriber);
          return inserted ? { subscriber, send: 'confirmation' as const, previousLinkSentAt: null } : undefined;
        }
        const previousLinkSentAt = existing.state.linkSentAt;
        const send = existing.signUpAgain(preferences, now);
        await this.subscriptions.saveSubscriber(manager, existing);
        return { subscriber: existing, send, previousLinkSentAt };
      });
      if (outcome) return outcome;
      if (pass >= 2) throw new Error('signup kept conflicting with concurrent signups for the same address');
    }
  }
}
