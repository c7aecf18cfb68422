import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { SubscriberLinks, type ManagementLinks } from '../../../shared/links/subscriber-links';
import { normalizePreferences, type PreferencesInput } from '../../domain/preferences';
import { assertUsablePushSubscription, endpointHost } from '../../domain/push-endpoint';
import { SubscriptionRepository } from '../../persistence/subscription.repository';

export interface BrowserPushSubscription {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

export interface PushSubscribed extends ManagementLinks {
  id: string;
  created: boolean;
}

/**
 * A browser subscribes to web push. The browser's permission prompt is the
 * opt-in, so the subscription is active at once. The same endpoint posted again
 * (same browser) updates keys and preferences and reactivates it.
 */
@Injectable()
export class SubscribePushUseCase {
  private readonly logger = new Logger(SubscribePushUseCase.name);

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly links: SubscriberLinks,
  ) {}

  async execute(subscription: BrowserPushSubscription, input: PreferencesInput): Promise<PushSubscribed> {
    assertUsablePushSubscription(subscription.endpoint, subscription.keys);
    const preferences = normalizePreferences(input);
    const expirationTime = typeof subscription.expirationTime === 'number' ? new Date(subscription.expirationTime) : null;
    const { id, created } = await this.subscriptions.transaction((manager) =>
      this.subscriptions.upsertPushSubscription(manager, randomUUID(), {
        endpoint: subscription.endpoint,
        p256dh: subscription.keys.p256dh.replace(/=+$/, ''),
        auth: subscription.keys.auth.replace(/=+$/, ''),
        expirationTime,
        preferences,
      }),
    );
    this.logger.log({ pushSubscriptionId: id, pushService: endpointHost(subscription.endpoint), created }, 'push subscription stored');
    return { id, created, ...this.links.management(id, 'push') };
  }
}
