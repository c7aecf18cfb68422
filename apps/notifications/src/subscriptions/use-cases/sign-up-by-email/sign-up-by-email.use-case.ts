import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@newsroom/contracts';
import { UnitOfWork } from '@newsroom/persistence';
import { SiteSectionList } from '@newsroom/site-sections';
import type { NotificationsConfig } from '../../../config/notifications.config';
import { classifyEmailError } from '../../../alerts/domain/send-failure';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import { Mailer, type OutgoingMail } from '../../../shared/mail/mailer';
import { NOTIFICATIONS_CONFIG } from '../../../shared/notifications-config.token';
import { maskEmail, normalizeEmail } from '../../domain/email-address';
import { normalizePreferences, type Preferences } from '../../domain/preferences';
import { Subscriber, type SignupEmail } from '../../domain/subscriber';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import type { SignUpByEmailCommand } from './sign-up-by-email.command';
import { TagNameRepository } from '../../persistence/tag-name.repository';
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
 * Raised when the mail server refused the address itself (a 5xx reply to RCPT TO or DATA): no
 * later try can send to it, so the person is asked to check it rather than to try again.
 */
export class SignupEmailRefusedError extends DomainError {
  constructor(reply: string) {
    super('SUBSCRIBER.EMAIL_REFUSED', `The mail server refused this address (${reply}). Check it, and sign up again with the address you read your mail at`, 'validation');
  }
}

export interface SignUpResult {
  subscriberId: string;
  /** Which email went out; callers must not tell the person (the answer is the same for every address). */
  email: SignupEmail;
}

/**
 * Email signup with double opt-in. The answer is the same whether or not the
 * address was known, so the endpoint cannot be used to find out who subscribes.
 * The email is sent after the signup is committed: a mail server outage never
 * loses a signup, and the per-minute limit is lifted again so a retry can send
 * it. Call it outside a unit of work, so the commit comes before the email.
 *
 * Errors: SUBSCRIBER.NO_INTERESTS, SUBSCRIBER.INVALID_PREFERENCES, SUBSCRIBER.UNKNOWN_SECTION (validation),
 * SUBSCRIBER.EMAIL_NOT_SENT (the signup is saved, the email was not sent: try again later),
 * SUBSCRIBER.EMAIL_REFUSED (validation: the mail server refused the address for good).
 */
@Injectable()
export class SignUpByEmailUseCase {
  private readonly logger = new Logger(SignUpByEmailUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: SubscriptionRepository,
    private readonly tagNames: TagNameRepository,
    private readonly links: SubscriberLinks,
    private readonly mailer: Mailer,
    private readonly sections: SiteSectionList,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute(command: SignUpByEmailCommand): Promise<SignUpResult> {
    const address = normalizeEmail(command.email);
    const preferences = normalizePreferences(command.preferences, this.sections.slugs(), 'email', this.config.siteTimeZone);
    const now = new Date();
    // Before the e-mail, which names the tags: by the reader's own words until a story names them.
    await this.unitOfWork.run(() => this.tagNames.rememberTyped(command.preferences.tagLabels, preferences.tags));
    const { subscriber, send, previousLinkSentAt } = await this.store(address, preferences, now);
    const result = { subscriberId: subscriber.id, email: send };
    if (send === 'none') {
      this.logger.log({ subscriberId: subscriber.id }, 'repeat signup within a minute; no email sent');
      return result;
    }
    try {
      await this.mailer.send(await this.emailFor(subscriber, send));
      this.logger.log({ subscriberId: subscriber.id, email: send }, 'signup email sent');
      return result;
    } catch (error) {
      this.logger.error({ subscriberId: subscriber.id, to: maskEmail(subscriber.email), err: error }, 'signup email could not be sent');
      await this.unitOfWork.run(() => this.subscriptions.restoreLinkSentAt(subscriber.id, previousLinkSentAt, now)).catch(() => undefined);
      const failure = classifyEmailError(error);
      // The same answer for an address known or not: the server's refusal is about the address alone.
      if (failure.recipientGone) throw new SignupEmailRefusedError(failure.message);
      throw new SignupEmailNotSentError();
    }
  }

  /** The e-mail, naming sections by their labels and followed tags by the words the site's stories typed them as. */
  private async emailFor(subscriber: Subscriber, send: Exclude<SignupEmail, 'none'>): Promise<OutgoingMail> {
    const names = { sectionLabel: (slug: string) => this.sections.labelOf(slug), tagNames: await this.tagNames.namesOf(subscriber.preferences.tags) };
    if (send === 'confirmation') return confirmationEmail(this.config.siteName, subscriber.email, subscriber.preferences, this.links.confirmUrl(subscriber.id), names);
    const links = this.links.management(subscriber.id, 'email');
    return manageLinkEmail(this.config.siteName, subscriber.email, subscriber.preferences, links.preferencesUrl, links.unsubscribeUrl, names);
  }

  private async store(email: string, preferences: Preferences, now: Date): Promise<{ subscriber: Subscriber; send: SignupEmail; previousLinkSentAt: Date | null }> {
    // Two signups for a new address can race; the loser sees the winner's row on the second pass.
    for (let pass = 0; ; pass += 1) {
      const outcome = await this.unitOfWork.run(async () => {
        const existing = await this.subscriptions.findByEmailForUpdate(email);
        if (!existing) {
          const subscriber = Subscriber.signUp(randomUUID(), email, preferences, now);
          const inserted = await this.subscriptions.insertSubscriber(subscriber);
          return inserted ? { subscriber, send: 'confirmation' as const, previousLinkSentAt: null } : undefined;
        }
        const previousLinkSentAt = existing.linkSentAt;
        const send = existing.signUpAgain(preferences, now);
        await this.subscriptions.saveSubscriber(existing);
        return { subscriber: existing, send, previousLinkSentAt };
      });
      if (outcome) return outcome;
      if (pass >= 2) throw new Error('signup kept conflicting with concurrent signups for the same address');
    }
  }
}
