import { Inject, Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import type { NotificationsConfig } from '../../../config/notifications.config';
import { PUSH_TTL_SECONDS } from '../../../alerts/channels/push-message';
import { SubscriberLinks, type ManagementLinks } from '../../../shared/links/subscriber-links';
import { NOTIFICATIONS_CONFIG } from '../../../shared/notifications-config.token';
import { endpointHost } from '../../domain/push-endpoint';
import { alreadyUnsubscribed, pushEndpointInUse, pushSubscriptionMovedOn, unknownPushSubscription } from '../../domain/subscription.errors';
import { SubscriptionRepository } from '../../persistence/subscription.repository';
import type { ReplacePushEndpointCommand } from './replace-push-endpoint.command';

export interface PushEndpointReplaced extends ManagementLinks {
  /** The subscription the browser's new endpoint now belongs to (the same id as before, unless superseded). */
  id: string;
  /**
   * replaced: the new endpoint took over; already: this replacement was reported before (the
   * service worker's and the page's report, or a retry); superseded: the new endpoint had been
   * registered on its own, and that subscription is the browser's now.
   */
  outcome: 'replaced' | 'already' | 'superseded';
}

/**
 * A push service rotated a browser's subscription (the service worker's `pushsubscriptionchange`,
 * or the page finding a subscription other than the one it registered): the new endpoint takes
 * over the old one's id, preferences and links, so the reader keeps getting what they chose and
 * their "Change or stop them" link keeps working. Alerts still queued go to the new endpoint, and
 * when the old endpoint's 404/410 ended the subscription first, the alerts that cost the reader
 * are queued again (recent, live stories only: SubscriptionRepository.requeueMissedPushAlerts).
 *
 * The browser proves it held the old subscription with its auth secret (RFC 8291), which only it
 * and this service know; a wrong secret gets the same answer as an unknown endpoint.
 * Errors: PUSH.UNKNOWN_SUBSCRIPTION (404), PUSH.ALREADY_REPLACED (409), PUSH.ENDPOINT_IN_USE (409:
 * the new endpoint is another subscription's, with other keys), SUBSCRIBER.UNSUBSCRIBED (409: the
 * reader stopped them; a browser event does not undo that), and the new subscription's
 * PUSH.INVALID_ENDPOINT, PUSH.SERVICE_NOT_ALLOWED and PUSH.INVALID_KEYS (400).
 */
@Injectable()
export class ReplacePushEndpointUseCase {
  private readonly logger = new Logger(ReplacePushEndpointUseCase.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly links: SubscriberLinks,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  @Transactional()
  async execute(command: ReplacePushEndpointCommand): Promise<PushEndpointReplaced> {
    // Reports and registrations of the same endpoints wait for each other here, in one order:
    // a registration of the new endpoint cannot slip in between the check below and the update.
    await this.subscriptions.lockPushEndpoints([command.oldEndpoint, command.endpoint]);
    const answer = (outcome: PushEndpointReplaced['outcome'], id: string): PushEndpointReplaced => ({ id, outcome, ...this.links.management(id, 'push') });
    const [registered] = (await this.subscriptions.findPushesAtEndpointForUpdate(command.endpoint)).filter((other) => other.stillAt(command.endpoint));
    // The browser proves it holds the new subscription too: reported again, or after a second
    // replacement this page never saw (old → new → newer, reported as old → newer).
    const alreadyThere = registered?.heldBy(command.endpoint, command.auth) === 'current' ? registered : undefined;

    const subscription = (await this.subscriptions.findPushesAtEndpointForUpdate(command.oldEndpoint)).find((candidate) =>
      candidate.heldBy(command.oldEndpoint, command.oldAuth),
    );
    if (!subscription || subscription.heldBy(command.oldEndpoint, command.oldAuth) === 'replaced') {
      if (alreadyThere) {
        // Unsubscribed since: the page must not show "alerts are on".
        if (alreadyThere.cancelledByOwner) throw alreadyUnsubscribed();
        return answer('already', alreadyThere.id);
      }
      throw subscription ? pushSubscriptionMovedOn() : unknownPushSubscription();
    }

    const log = { pushSubscriptionId: subscription.id, from: endpointHost(command.oldEndpoint), to: endpointHost(command.endpoint) };
    if (registered && registered.id !== subscription.id) {
      // The browser registered its new endpoint on its own first: that subscription is kept, if
      // it is the one this browser holds and its owner has not stopped it.
      if (!alreadyThere) throw pushEndpointInUse();
      if (alreadyThere.cancelledByOwner) throw alreadyUnsubscribed();
      if (subscription.supersede(new Date())) {
        await this.subscriptions.savePush(subscription);
        await this.subscriptions.cancelPendingAlertsOf(subscription.id, 'push subscription replaced by a newer one of the same browser');
      }
      this.logger.log({ ...log, supersededBy: alreadyThere.id }, 'push endpoint already registered; the older subscription ended');
      return answer('superseded', alreadyThere.id);
    }
    const missedAlerts = subscription.endedByItsPushService;
    subscription.replaceEndpoint({
      endpoint: command.endpoint,
      keys: { p256dh: command.p256dh, auth: command.auth },
      expirationTime: command.expirationTime ?? null,
      services: this.config.pushServices,
    });
    await this.subscriptions.savePush(subscription);
    // The old endpoint's 410 ended it before this report came: what that cost the reader goes now.
    const requeued = missedAlerts ? await this.subscriptions.requeueMissedPushAlerts(subscription.id, PUSH_TTL_SECONDS) : 0;
    this.logger.log({ ...log, requeued }, 'push endpoint replaced');
    return answer('replaced', subscription.id);
  }
}
