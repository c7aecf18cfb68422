import { Inject, Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import type { NotificationsConfig } from '../../../config/notifications.config';
import { SubscriberLinks, type ManagementLinks } from '../../../shared/links/subscriber-links';
import { NOTIFICATIONS_CONFIG } from '../../../shared/notifications-config.token';
import { endpointHost } from '../../domain/push-endpoint';
import { alreadyUnsubscribed, pushSubscriptionMovedOn, unknownPushSubscription } from '../../domain/subscription.errors';
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
 * their "Change or stop them" link keeps working. Alerts still queued go to the new endpoint.
 *
 * The browser proves it held the old subscription with its auth secret (RFC 8291), which only it
 * and this service know; a wrong secret gets the same answer as an unknown endpoint.
 * Errors: PUSH.UNKNOWN_SUBSCRIPTION (404), PUSH.ALREADY_REPLACED (409), SUBSCRIBER.UNSUBSCRIBED
 * (409: the reader stopped them; a browser event does not undo that), and the new subscription's
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
    const candidates = await this.subscriptions.findPushesAtEndpointForUpdate(command.oldEndpoint);
    const subscription = candidates.find((candidate) => candidate.heldBy(command.oldEndpoint, command.oldAuth));
    if (!subscription) throw unknownPushSubscription();
    const answer = (outcome: PushEndpointReplaced['outcome'], id = subscription.id): PushEndpointReplaced => ({ id, outcome, ...this.links.management(id, 'push') });

    if (subscription.heldBy(command.oldEndpoint, command.oldAuth) === 'replaced') {
      if (!subscription.stillAt(command.endpoint)) throw pushSubscriptionMovedOn();
      // Unsubscribed since: the page must not show "alerts are on".
      if (subscription.cancelledByOwner) throw alreadyUnsubscribed();
      return answer('already');
    }
    const [registered] = (await this.subscriptions.findPushesAtEndpointForUpdate(command.endpoint)).filter(
      (other) => other.id !== subscription.id && other.stillAt(command.endpoint),
    );
    const log = { pushSubscriptionId: subscription.id, from: endpointHost(command.oldEndpoint), to: endpointHost(command.endpoint) };
    if (registered) {
      if (subscription.supersede(new Date())) {
        await this.subscriptions.savePush(subscription);
        await this.subscriptions.cancelPendingAlertsOf(subscription.id, 'push subscription replaced by a newer one of the same browser');
      }
      this.logger.log({ ...log, supersededBy: registered.id }, 'push endpoint already registered; the older subscription ended');
      return answer('superseded', registered.id);
    }
    subscription.replaceEndpoint({
      endpoint: command.endpoint,
      keys: { p256dh: command.p256dh, auth: command.auth },
      expirationTime: command.expirationTime ?? null,
      services: this.config.pushServices,
    });
    await this.subscriptions.savePush(subscription);
    this.logger.log(log, 'push endpoint replaced');
    return answer('replaced');
  }
}
