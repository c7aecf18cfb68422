import { Injectable } from '@nestjs/common';
import { SubscriberLinks, type ManagementLinks } from '../../../shared/links/subscriber-links';
import type { PushSubscriptionStatus } from '../../domain/push-subscription';
import { unknownPushSubscription } from '../../domain/subscription.errors';
import { SubscriptionRepository } from '../../persistence/subscription.repository';

export interface PushSubscriptionChecked {
  id: string;
  status: PushSubscriptionStatus;
  /** The subscription's signed links; only while it is active (a stopped one's page is not the browser's to show). */
  links: ManagementLinks | null;
}

/**
 * Where the push subscription a browser holds stands here, so the site's page says "alerts are on"
 * only while they are: a reader who stopped them on the preference page (another origin than the
 * site, whose storage the page cannot see) is offered them again instead. The browser proves it
 * holds the subscription by its auth secret (RFC 8291), as for a replacement.
 * Errors: PUSH.UNKNOWN_SUBSCRIPTION (no subscription at that endpoint with that secret).
 */
@Injectable()
export class CheckPushSubscriptionQuery {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly links: SubscriberLinks,
  ) {}

  async check(held: { endpoint: string; auth: string }): Promise<PushSubscriptionChecked> {
    const subscription = await this.subscriptions.findPushAtEndpoint(held.endpoint);
    if (!subscription || subscription.heldBy(held.endpoint, held.auth) !== 'current') throw unknownPushSubscription();
    const status = subscription.status;
    return { id: subscription.id, status, links: status === 'active' ? this.links.management(subscription.id, 'push') : null };
  }
}
