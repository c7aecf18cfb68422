import { normalizePreferences, type Preferences, type PreferencesInput } from './preferences';
import { assertUsablePushSubscription, endpointHost } from './push-endpoint';
import type { PushServiceAllowList } from '../../shared/push-services/push-services';
import { copyPreferences, type Recipient } from './recipient';
import { alreadyUnsubscribed } from './subscription.errors';

export interface PushSubscriptionSnapshot {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  expirationTime: Date | null;
  preferences: Preferences;
  active: boolean;
  deactivatedAt: Date | null;
  /** "unsubscribed", or the push service's answer that ended it (e.g. "push service answered 410"). */
  deactivatedReason: string | null;
}

/** Why a subscription ended when its owner unsubscribed through a link. */
export const UNSUBSCRIBED_REASON = 'unsubscribed';

/**
 * A browser's web-push subscription. The browser's permission prompt is the
 * opt-in, so it is active from the start; it ends when its owner unsubscribes
 * or the push service says it is gone. Pure rules, no I/O.
 */
export class PushSubscription implements Recipient {
  readonly kind = 'push' as const;

  private constructor(private readonly state: PushSubscriptionSnapshot) {}

  /**
   * What a browser's PushSubscription.toJSON() says, checked: an https endpoint
   * on one of `services` and keys that can encrypt a payload (PUSH.INVALID_ENDPOINT,
   * PUSH.SERVICE_NOT_ALLOWED, PUSH.INVALID_KEYS), then the preferences (SUBSCRIBER.NO_INTERESTS,
   * SUBSCRIBER.INVALID_PREFERENCES, SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.UNKNOWN_TIME_ZONE). Keys are kept without base64 padding.
   */
  static register(input: {
    id: string;
    endpoint: string;
    keys: { p256dh: string; auth: string };
    expirationTime: Date | null;
    preferences: PreferencesInput;
    services: PushServiceAllowList;
    /** The site's section slugs (SITE_SECTIONS). */
    siteSections: readonly string[];
    /** The time zone of a browser that does not say its own (SITE_TIME_ZONE). */
    siteTimeZone?: string;
  }): PushSubscription {
    assertUsablePushSubscription(input.endpoint, input.keys, input.services);
    const preferences = normalizePreferences(input.preferences, input.siteSections, 'push', input.siteTimeZone);
    return new PushSubscription({
      id: input.id,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh.replace(/=+$/, ''),
      auth: input.keys.auth.replace(/=+$/, ''),
      expirationTime: input.expirationTime,
      preferences,
      active: true,
      deactivatedAt: null,
      deactivatedReason: null,
    });
  }

  /** Rebuilds a subscription from what the repository stored. */
  static restore(snapshot: PushSubscriptionSnapshot): PushSubscription {
    return new PushSubscription({ ...snapshot, preferences: copyPreferences(snapshot.preferences) });
  }

  get id(): string {
    return this.state.id;
  }

  get endpoint(): string {
    return this.state.endpoint;
  }

  get preferences(): Preferences {
    return copyPreferences(this.state.preferences);
  }

  get label(): string {
    return `notifications in a browser (via ${endpointHost(this.state.endpoint)})`;
  }

  get subscribed(): boolean {
    return this.state.active;
  }

  /** Active and not past the expiration time the browser gave. */
  receivesAlerts(now: Date): boolean {
    return this.state.active && (this.state.expirationTime === null || this.state.expirationTime.getTime() > now.getTime());
  }

  /** A copy of the state, for storing; changing it changes nothing here. */
  snapshot(): PushSubscriptionSnapshot {
    return { ...this.state, preferences: copyPreferences(this.state.preferences) };
  }

  changePreferences(preferences: Preferences): void {
    if (!this.state.active) throw alreadyUnsubscribed();
    this.state.preferences = copyPreferences(preferences);
  }

  unsubscribe(now: Date): boolean {
    return this.end(UNSUBSCRIBED_REASON, now);
  }

  /** The push service answered that the subscription is gone (404/410). Returns false when it had ended already. */
  endedByPushService(answer: string, now: Date): boolean {
    return this.end(answer, now);
  }

  private end(reason: string, now: Date): boolean {
    if (!this.state.active) return false;
    this.state.active = false;
    this.state.deactivatedAt = now;
    this.state.deactivatedReason = reason;
    return true;
  }
}
