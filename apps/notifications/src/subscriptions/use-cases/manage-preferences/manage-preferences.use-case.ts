import { Inject, Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { SiteSectionList } from '@newsroom/site-sections';
import type { NotificationsConfig } from '../../../config/notifications.config';
import { normalizePreferences } from '../../domain/preferences';
import { viewOf, type RecipientView } from '../../domain/recipient';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import { TagNameRepository } from '../../persistence/tag-name.repository';
import { NOTIFICATIONS_CONFIG } from '../../../shared/notifications-config.token';
import type { ManagePreferencesCommand } from './manage-preferences.command';

/**
 * A recipient (email subscriber or push subscription) replaces what they get
 * alerts about, from the preferences page. Returns the page's new view.
 * Errors: SUBSCRIBER.NO_INTERESTS, SUBSCRIBER.INVALID_PREFERENCES,
 * SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.UNKNOWN_TIME_ZONE, SUBSCRIBER.NOT_FOUND, SUBSCRIBER.UNSUBSCRIBED.
 */
@Injectable()
export class ManagePreferencesUseCase {
  private readonly logger = new Logger(ManagePreferencesUseCase.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly tagNames: TagNameRepository,
    private readonly sections: SiteSectionList,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** The new preferences and what is still queued for the recipient change in one transaction. */
  @Transactional()
  async execute(command: ManagePreferencesCommand): Promise<RecipientView> {
    const preferences = normalizePreferences(command.preferences, this.sections.slugs(), command.kind, this.config.siteTimeZone);
    const { recipient } = await this.subscriptions.updateRecipient(command.kind, command.recipientId, (found) => {
      found.changePreferences(preferences);
      return true;
    });
    const queued = await this.subscriptions.refitPendingAlertsOf(command.kind, command.recipientId);
    // The page names the tags by the reader's own words until a story names them.
    await this.tagNames.rememberTyped(command.preferences.tagLabels, preferences.tags);
    this.logger.log({ recipientId: command.recipientId, kind: command.kind, queuedAlertsCancelled: queued.cancelled, queuedAlertsRescheduled: queued.rescheduled }, 'preferences changed');
    return viewOf(recipient);
  }
}
