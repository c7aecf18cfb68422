import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { SiteSectionList } from '@newsroom/site-sections';
import type { NotificationsConfig } from '../../../config/notifications.config';
import { SubscriberLinks, type ManagementLinks } from '../../../shared/links/subscriber-links';
import { NOTIFICATIONS_CONFIG } from '../../../shared/notifications-config.token';
import { endpointHost } from '../../domain/push-endpoint';
import { PushSubscription } from '../../domain/push-subscription';
import { pushEndpointTaken } from '../../domain/subscription.errors';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import type { SubscribePushCommand } from './subscribe-push.command';

export interface PushSubscribed extends ManagementLinks {
  id: string;
  /** False when the same endpoint (the same browser) was known: it was updated and reactivated. */
  created: boolean;
}

/**
 * A browser subscribes to web push. The browser's permission prompt is the
 * opt-in, so the subscription is active at once. The same endpoint posted again by the browser
 * holding it (its auth secret, RFC 8291) updates its preferences and reactivates it.
 * Errors: PUSH.INVALID_ENDPOINT, PUSH.SERVICE_NOT_ALLOWED, PUSH.INVALID_KEYS, SUBSCRIBER.NO_INTERESTS,
 * SUBSCRIBER.INVALID_PREFERENCES, SUBSCRIBER.UNKNOWN_SECTION, PUSH.ENDPOINT_IN_USE (the endpoint is
 * subscribed with another auth secret).
 */
@Injectable()
export class SubscribePushUseCase {
  private readonly logger = new Logger(SubscribePushUseCase.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly links: SubscriberLinks,
    private readonly sections: SiteSectionList,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  @Transactional()
  async execute(command: SubscribePushCommand): Promise<PushSubscribed> {
    const subscription = PushSubscription.register({
      id: randomUUID(),
      endpoint: command.endpoint,
      keys: { p256dh: command.p256dh, auth: command.auth },
      expirationTime: command.expirationTime ?? null,
      preferences: command.preferences,
      services: this.config.pushServices,
      siteSections: this.sections.slugs(),
      siteTimeZone: this.config.siteTimeZone,
    });
    // In turn with a report replacing a subscription to or from this endpoint (ReplacePushEndpointUseCase).
    await this.subscriptions.lockPushEndpoints([command.endpoint]);
    // A push service hands each subscription its own endpoint and the browser its keys: the same
    // endpoint with another secret is not this browser subscribing again but someone else.
    const known = await this.subscriptions.findPushAtEndpoint(command.endpoint);
    if (known && known.heldBy(command.endpoint, command.auth) !== 'current') throw pushEndpointTaken();
    const { id, created } = await this.subscriptions.upsertPush(subscription);
    // A browser subscribing again replaces its preferences: what is queued for it follows them.
    if (!created) await this.subscriptions.refitPendingAlertsOf('push', id);
    this.logger.log({ pushSubscriptionId: id, pushService: endpointHost(command.endpoint), created }, 'push subscription stored');
    return { id, created, ...this.links.management(id, 'push') };
  }
}
