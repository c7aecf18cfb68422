import type { RecipientKind } from '../../shared/links/subscriber-link-signer';
import type { Preferences } from './preferences';

/**
 * What email subscribers and push subscriptions have in common: someone who
 * gets alerts, chooses what about, and can stop. The pages behind signed links
 * work on either through this.
 */
export interface Recipient {
  readonly kind: RecipientKind;
  readonly id: string;
  /** Masked address or push service host: a forwarded link reveals little. */
  readonly label: string;
  /** Still subscribed (a pending or confirmed email address, an active push subscription). */
  readonly subscribed: boolean;
  /** An email address signed up and not yet confirmed (never a push subscription: the browser's permission is the opt-in). */
  readonly awaitingConfirmation: boolean;
  readonly preferences: Preferences;
  /** Throws SUBSCRIBER.UNSUBSCRIBED when the recipient has left. */
  changePreferences(preferences: Preferences): void;
  /** Returns false when it was unsubscribed already. */
  unsubscribe(now: Date): boolean;
}

/** What a subscriber page shows about the recipient a link belongs to. */
export interface RecipientView {
  kind: RecipientKind;
  id: string;
  label: string;
  subscribed: boolean;
  awaitingConfirmation: boolean;
  preferences: Preferences;
}

export function viewOf(recipient: Recipient): RecipientView {
  return {
    kind: recipient.kind,
    id: recipient.id,
    label: recipient.label,
    subscribed: recipient.subscribed,
    awaitingConfirmation: recipient.awaitingConfirmation,
    preferences: copyPreferences(recipient.preferences),
  };
}

export function copyPreferences(preferences: Preferences): Preferences {
  return { ...preferences, sections: [...preferences.sections], tags: [...preferences.tags], quietHours: preferences.quietHours && { ...preferences.quietHours } };
}
