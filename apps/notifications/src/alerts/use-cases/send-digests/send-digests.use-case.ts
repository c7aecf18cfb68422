import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import type { NotificationsConfig } from '../../../config/notifications.config';
import { SubscriberLinks } from '../../../shared/links/subscriber-links';
import { Mailer } from '../../../shared/mail/mailer';
import { NOTIFICATIONS_CONFIG } from '../../../shared/notifications-config.token';
import { SubscriptionRepository } from '../../../subscriptions/persistence/subscription.repository';
import { digestEmail } from '../../channels/digest-email';
import { classifyEmailError } from '../../domain/send-failure';
import { DigestRepository, type ClaimedDigest, type DigestOutcome } from '../../persistence/digest.repository';
import type { SendDigestsCommand } from './send-digests.command';

/** How long a digest the mail server deferred (4xx, no connection) waits before the next try. */
export const DIGEST_RETRY_DELAY_MS = 5 * 60_000;

export interface DigestRound {
  claimed: number;
  settled: Record<DigestOutcome, number>;
  /** Claimed digests were left for the next round (the batch was full). */
  more: boolean;
}

/**
 * Daily digests, one round: claims the digests due now (DigestRepository.claimDue: one row
 * per subscriber and local date, committed before anything is sent), then for each claimed
 * digest lists the stories its subscriber follows that were published in its period, sends
 * ONE e-mail with them — Message-ID `<digest-<subscriber>-<date>@…>`, the same on every try —
 * and settles the row in a transaction of its own. No stories: settled `empty`, nothing sent.
 * A crash after the send and before the settle re-sends that one message with the same
 * Message-ID, which mail clients collapse; the primary key means no second digest for a date.
 * A deferred send is tried again after DIGEST_RETRY_DELAY_MS, a refused one settles `failed`
 * (and a mailbox refused at RCPT TO or DATA is marked bounced, as an alert's would be).
 */
@Injectable()
export class SendDigestsUseCase {
  private readonly logger = new Logger(SendDigestsUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly digests: DigestRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly mailer: Mailer,
    private readonly links: SubscriberLinks,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute(command: SendDigestsCommand): Promise<DigestRound> {
    const claimed = await this.unitOfWork.run(() => this.digests.claimDue(this.config.digestLocalTime, command.batchSize));
    const settled: Record<DigestOutcome, number> = { sent: 0, empty: 0, failed: 0 };
    for (let done = 0; done < command.batchSize; done += 1) {
      const digest = await this.digests.nextClaimed();
      if (!digest) return { claimed, settled, more: false };
      const outcome = await this.sendOne(digest);
      if (outcome) settled[outcome] += 1;
    }
    return { claimed, settled, more: true };
  }

  /** Sends and settles one digest; undefined when it was postponed. */
  private async sendOne(digest: ClaimedDigest): Promise<DigestOutcome | undefined> {
    const stories = digest.wanted ? await this.digests.storiesOf(digest) : [];
    const key = { subscriberId: digest.subscriberId, localDate: digest.localDate };
    if (stories.length === 0) {
      await this.unitOfWork.run(() => this.digests.settle(key, 'empty', 0));
      return 'empty';
    }
    const mail = digestEmail(this.config.siteName, digest.email, digest.localDate, stories, this.links.management(digest.subscriberId, 'email'));
    try {
      await this.mailer.send({ ...mail, messageId: this.mailer.messageId(`digest-${digest.subscriberId}-${digest.localDate}`) });
    } catch (error) {
      const failure = classifyEmailError(error);
      this.logger.warn({ subscriberId: digest.subscriberId, localDate: digest.localDate, responseCode: failure.responseCode, transient: failure.transient }, 'digest not sent');
      if (failure.transient) {
        await this.unitOfWork.run(() => this.digests.postpone(key, new Date(Date.now() + DIGEST_RETRY_DELAY_MS), failure.message));
        return undefined;
      }
      await this.unitOfWork.run(async () => {
        await this.digests.settle(key, 'failed', stories.length, failure.message);
        // Refused at RCPT TO or DATA: the mailbox is gone, as for an alert.
        if (failure.recipientGone) await this.subscriptions.markAddressBounced(digest.subscriberId, failure.responseCode, failure.message);
      });
      return 'failed';
    }
    await this.unitOfWork.run(() => this.digests.settle(key, 'sent', stories.length));
    this.logger.log({ subscriberId: digest.subscriberId, localDate: digest.localDate, stories: stories.length }, 'digest sent');
    return 'sent';
  }
}
