import { timingSafeEqual } from 'node:crypto';
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
  /** The endpoint before the browser last replaced it, and its auth secret; null if never replaced. */
  replacedEndpoint: string | null;
  replacedAuth: string | null;
}

/** Which of a subscription's endpoints a browser proved it holds (see PushSubscription.heldBy). */
export type EndpointHeld = 'current' | 'replaced';

/**
 * Where a subscription stands, as the browser holding it is told (PushSubscription.status):
 * active; stopped by its owner (an unsubscribe, or the preference page); ended by its push
 * service (404/410) or by a newer subscription of the same browser.
 */
export type PushSubscriptionStatus = 'active' | 'stopped' | 'ended';

/** Why a subscription ended when its owner unsubscribed through a link. */
export const UNSUBSCRIBED_REASON = 'unsubscribed';

/** Why a subscription ended when its browser's new endpoint was already registered on its own. */
export const SUPERSEDED_REASON = 'replaced by a newer subscription of the same browser';

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
    const keys = usableKeys(input.endpoint, input.keys, input.services);
    const preferences = normalizePreferences(input.preferences, input.siteSections, 'push', input.siteTimeZone);
    return new PushSubscription({
      id: input.id,
      endpoint: input.endpoint,
      ...keys,
      expirationTime: input.expirationTime,
      preferences,
      active: true,
      deactivatedAt: null,
      deactivatedReason: null,
      replacedEndpoint: null,
      replacedAuth: null,
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

  /** Never: the browser's permission prompt is the opt-in. */
  get awaitingConfirmation(): boolean {
    return false;
  }

  /** Ended by its owner (an unsubscribe link), not by the push service or a newer subscription. */
  get cancelledByOwner(): boolean {
    return !this.state.active && this.state.deactivatedReason === UNSUBSCRIBED_REASON;
  }

  get status(): PushSubscriptionStatus {
    if (this.state.active) return 'active';
    return this.cancelledByOwner ? 'stopped' : 'ended';
  }

  /** Ended by its push service's 404/410, not by its owner or a newer subscription. */
  get endedByItsPushService(): boolean {
    return !this.state.active && this.state.deactivatedReason !== UNSUBSCRIBED_REASON && this.state.deactivatedReason !== SUPERSEDED_REASON;
  }

  /** Active and not past the expiration time the browser gave. */
  receivesAlerts(now: Date): boolean {
    return this.state.active && (this.state.expirationTime === null || this.state.expirationTime.getTime() > now.getTime());
  }

  /** A copy of the state, for storing; changing it changes nothing here. */
  snapshot(): PushSubscriptionSnapshot {
    return { ...this.state, preferences: copyPreferences(this.state.preferences) };
  }

  /**
   * Whether the browser asking holds this subscription: `auth` must be the auth secret (RFC 8291)
   * of `endpoint`, which only that browser and this service know. 'current' for the endpoint in
   * use, 'replaced' for the one it replaced last, false otherwise. Compared in constant time.
   */
  heldBy(endpoint: string, auth: string): EndpointHeld | false {
    if (endpoint === this.state.endpoint && sameSecret(auth, this.state.auth)) return 'current';
    if (this.state.replacedEndpoint !== null && endpoint === this.state.replacedEndpoint && sameSecret(auth, this.state.replacedAuth ?? '')) return 'replaced';
    return false;
  }

  /**
   * The browser replaced this subscription with a new one (its push service rotated the
   * endpoint: the service worker's `pushsubscriptionchange`, or the page finding another
   * subscription than the one it registered). The new endpoint and keys, checked as at
   * registration (PUSH.INVALID_ENDPOINT, PUSH.SERVICE_NOT_ALLOWED, PUSH.INVALID_KEYS), take over
   * with the same id, preferences and links; the old endpoint and its auth secret are kept to
   * recognise the same replacement reported again. A subscription the push service ended
   * (404/410, often the first sign of a rotation) is active again; one its owner cancelled stays
   * cancelled (SUBSCRIBER.UNSUBSCRIBED): a browser event must not undo a reader's choice.
   */
  replaceEndpoint(input: { endpoint: string; keys: { p256dh: string; auth: string }; expirationTime: Date | null; services: PushServiceAllowList }): void {
    if (this.cancelledByOwner) throw alreadyUnsubscribed();
    const keys = usableKeys(input.endpoint, input.keys, input.services);
    if (input.endpoint !== this.state.endpoint) {
      this.state.replacedEndpoint = this.state.endpoint;
      this.state.replacedAuth = this.state.auth;
    }
    this.state.endpoint = input.endpoint;
    this.state.p256dh = keys.p256dh;
    this.state.auth = keys.auth;
    this.state.expirationTime = input.expirationTime;
    this.state.active = true;
    this.state.deactivatedAt = null;
    this.state.deactivatedReason = null;
  }

  changePreferences(preferences: Preferences): void {
    if (!this.state.active) throw alreadyUnsubscribed();
    this.state.preferences = copyPreferences(preferences);
  }

  /**
   * The browser's new endpoint was registered on its own before the replacement was reported
   * (the reader pressed "Get alerts" again): that newer subscription, with the preferences chosen
   * then, is the browser's. Returns false when this one had ended already.
   */
  supersede(now: Date): boolean {
    return this.end(SUPERSEDED_REASON, now);
  }

  unsubscribe(now: Date): boolean {
    return this.end(UNSUBSCRIBED_REASON, now);
  }

  /** The push service answered that the subscription is gone (404/410). Returns false when it had ended already. */
  endedByPushService(answer: string, now: Date): boolean {
    return this.end(answer, now);
  }

  /**
   * Whether `endpoint` is still this subscription's. A push service's answer about an endpoint
   * the browser has replaced since (404/410 from the old one) says nothing about the subscription.
   */
  stillAt(endpoint: string): boolean {
    return endpoint === this.state.endpoint;
  }

  private end(reason: string, now: Date): boolean {
    if (!this.state.active) return false;
    this.state.active = false;
    this.state.deactivatedAt = now;
    this.state.deactivatedReason = reason;
    return true;
  }
}

/** base64url without its padding, as keys are kept. */
const unpadded = (base64url: string): string => base64url.replace(/=+$/, '');

/** A subscription's endpoint and keys, checked as usable (assertUsablePushSubscription), its keys as kept. */
function usableKeys(endpoint: string, keys: { p256dh: string; auth: string }, services: PushServiceAllowList): { p256dh: string; auth: string } {
  assertUsablePushSubscription(endpoint, keys, services);
  return { p256dh: unpadded(keys.p256dh), auth: unpadded(keys.auth) };
}

/** Auth secrets as base64url, with or without padding, compared in constant time. */
function sameSecret(given: string, kept: string): boolean {
  const a = Buffer.from(unpadded(given));
  const b = Buffer.from(unpadded(kept));
  return a.length === b.length && timingSafeEqual(a, b);
}
