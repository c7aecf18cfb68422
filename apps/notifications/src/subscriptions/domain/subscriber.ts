import { maskEmail } from './email-address';
import type { Preferences } from './preferences';
import { copyPreferences, type Recipient } from './recipient';
import { alreadyUnsubscribed } from './subscription.errors';

export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** At most one confirmation or "manage your preferences" email per address per minute. */
export const LINK_EMAIL_INTERVAL_MS = 60_000;

export interface SubscriberSnapshot {
  id: string;
  email: string;
  status: SubscriberStatus;
  preferences: Preferences;
  linkSentAt: Date | null;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  /** The address hard-bounced: when, and the SMTP reply code. Null if it never did, or its owner opted in again since. */
  bounce: { at: Date; code: number | null } | null;
}

/** The email a signup causes, if any. The HTTP answer is the same whichever it is. */
export type SignupEmail = 'confirmation' | 'manage-link' | 'none';

/**
 * An email subscriber: double opt-in, so nothing is sent to an address until
 * its owner followed the confirmation link. Pure rules, no I/O; the state
 * changes only through the methods below.
 */
export class Subscriber implements Recipient {
  readonly kind = 'email' as const;

  private constructor(private readonly state: SubscriberSnapshot) {}

  /** A new address, pending until confirmed; its confirmation email counts as sent `now`. */
  static signUp(id: string, email: string, preferences: Preferences, now: Date): Subscriber {
    return new Subscriber({ id, email, status: 'pending', preferences: copyPreferences(preferences), linkSentAt: now, confirmedAt: null, unsubscribedAt: null, bounce: null });
  }

  /** Rebuilds a subscriber from what the repository stored. */
  static restore(snapshot: SubscriberSnapshot): Subscriber {
    return new Subscriber({ ...snapshot, preferences: copyPreferences(snapshot.preferences), bounce: snapshot.bounce && { ...snapshot.bounce } });
  }

  get id(): string {
    return this.state.id;
  }

  get email(): string {
    return this.state.email;
  }

  get status(): SubscriberStatus {
    return this.state.status;
  }

  get preferences(): Preferences {
    return copyPreferences(this.state.preferences);
  }

  /** When the last link email was sent (null if never): the per-minute limit counts from here. */
  get linkSentAt(): Date | null {
    return this.state.linkSentAt;
  }

  get label(): string {
    return maskEmail(this.state.email);
  }

  get subscribed(): boolean {
    return this.state.status !== 'unsubscribed';
  }

  get awaitingConfirmation(): boolean {
    return this.state.status === 'pending';
  }

  get bounced(): boolean {
    return this.state.bounce !== null;
  }

  /** Only confirmed addresses that have not bounced get alerts. */
  get receivesAlerts(): boolean {
    return this.state.status === 'confirmed' && this.state.bounce === null;
  }

  /** A copy of the state, for storing; changing it changes nothing here. */
  snapshot(): SubscriberSnapshot {
    return { ...this.state, preferences: copyPreferences(this.state.preferences), bounce: this.state.bounce && { ...this.state.bounce } };
  }

  /**
   * Someone signed up again with this address. A pending or unsubscribed address
   * takes the new preferences and gets a (new) confirmation link. A confirmed
   * address changes nothing, since anyone can type anyone's address; its owner
   * is emailed a link to manage the preferences instead. A bounced address opts
   * in again like an unsubscribed one: pending, and confirming clears the bounce.
   */
  signUpAgain(preferences: Preferences, now: Date): SignupEmail {
    if (this.state.status === 'confirmed' && this.state.bounce) this.state.status = 'pending';
    const { status } = this.state;
    if (status !== 'confirmed') {
      this.state.preferences = copyPreferences(preferences);
      if (status === 'unsubscribed') {
        this.state.status = 'pending';
        this.state.unsubscribedAt = null;
      }
    }
    if (!this.mayEmailLink(now)) return 'none';
    this.state.linkSentAt = now;
    return status === 'confirmed' ? 'manage-link' : 'confirmation';
  }

  /** Returns false when it was confirmed already (a second click on the link). */
  confirm(now: Date): boolean {
    if (this.state.status === 'unsubscribed') throw alreadyUnsubscribed();
    if (this.state.status === 'confirmed') return false;
    this.state.status = 'confirmed';
    this.state.confirmedAt = now;
    this.state.bounce = null;
    return true;
  }

  /**
   * The mail server refused this address for good (SMTP 5xx to RCPT TO or DATA).
   * Returns false when it was marked bounced already. Only double opt-in (sign up
   * again, then confirm) clears it.
   */
  markBounced(code: number | null, now: Date): boolean {
    if (this.state.bounce) return false;
    this.state.bounce = { at: now, code };
    return true;
  }

  changePreferences(preferences: Preferences): void {
    if (this.state.status === 'unsubscribed') throw alreadyUnsubscribed();
    this.state.preferences = copyPreferences(preferences);
  }

  unsubscribe(now: Date): boolean {
    if (this.state.status === 'unsubscribed') return false;
    this.state.status = 'unsubscribed';
    this.state.unsubscribedAt = now;
    return true;
  }

  private mayEmailLink(now: Date): boolean {
    return !this.state.linkSentAt || now.getTime() - this.state.linkSentAt.getTime() >= LINK_EMAIL_INTERVAL_MS;
  }
}
