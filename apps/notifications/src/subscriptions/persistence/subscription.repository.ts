import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import { matchesArticleSql, retryDueSql, STORED_ARTICLE } from '../../alerts/persistence/recipient-selection';
import type { RecipientKind } from '../../shared/links/subscriber-link-signer';
import { PushSubscription } from '../domain/push-subscription';
import type { Recipient } from '../domain/recipient';
import { Subscriber } from '../domain/subscriber';
import { recipientNotFound, unknownTimeZone } from '../domain/subscription.errors';
import { fromPreferenceColumns, PREFERENCE_COLUMN_NAMES, PREFERENCE_COLUMNS_FROM_EXCLUDED, preferenceColumnValues, toPreferenceColumns } from './preference-columns';
import { PushSubscriptionEntity } from './push-subscription.entity';
import { SubscriberEntity } from './subscriber.entity';

/** How an alert cancelled because the push service ended its subscription is marked (`<this>: <the answer>`). */
const ENDED_BY_PUSH_SERVICE = 'push subscription ended';

/** What a change to a recipient did: the recipient as it is now, and whether it changed (and was stored). */
export interface RecipientChange<T extends Recipient> {
  recipient: T;
  changed: boolean;
}

/**
 * Loads and stores email subscribers and push subscriptions, in the caller's
 * unit of work. Methods that lock a row (`…ForUpdate`) or write several rows
 * together must run inside `UnitOfWork.run()`; `update…` open one of their own
 * when the caller has none.
 */
@Injectable()
export class SubscriptionRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Locks the subscriber with this address (any capitalisation) until the unit ends. */
  async findByEmailForUpdate(email: string): Promise<Subscriber | null> {
    const row = await this.unitOfWork
      .requireActive('findByEmailForUpdate')
      .getRepository(SubscriberEntity)
      .createQueryBuilder('s')
      .where('lower(s.email) = lower(:email)', { email })
      .setLock('pessimistic_write')
      .getOne();
    return row ? toSubscriber(row) : null;
  }

  async findSubscriberForUpdate(id: string): Promise<Subscriber | null> {
    const row = await this.unitOfWork.requireActive('findSubscriberForUpdate').findOne(SubscriberEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? toSubscriber(row) : null;
  }

  async findSubscriber(id: string): Promise<Subscriber | null> {
    const row = await this.unitOfWork.manager.findOneBy(SubscriberEntity, { id });
    return row ? toSubscriber(row) : null;
  }

  /**
   * Inserts a new subscriber unless another request inserted the same address
   * first; returns false in that case (the caller retries as a repeat signup).
   */
  async insertSubscriber(subscriber: Subscriber): Promise<boolean> {
    const state = subscriber.snapshot();
    const rows: unknown[] = await zoneChecked(state.preferences.timeZone, () => this.unitOfWork.manager.query(
      `INSERT INTO subscribers (id, email, status, ${PREFERENCE_COLUMN_NAMES}, link_sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [state.id, state.email, state.status, ...preferenceColumnValues(state.preferences), state.linkSentAt],
    ));
    return rows.length === 1;
  }

  async saveSubscriber(subscriber: Subscriber): Promise<void> {
    const state = subscriber.snapshot();
    await zoneChecked(state.preferences.timeZone, () => this.unitOfWork.manager.update(
      SubscriberEntity,
      { id: state.id },
      {
        status: state.status,
        preferences: toPreferenceColumns(state.preferences),
        linkSentAt: state.linkSentAt,
        confirmedAt: state.confirmedAt,
        unsubscribedAt: state.unsubscribedAt,
        bouncedAt: state.bounce?.at ?? null,
        bounceCode: state.bounce?.code ?? null,
        updatedAt: new Date(),
      },
    ));
  }

  /**
   * Puts link_sent_at back to `sentAt` if it is still `ifSentAt` (nobody sent a
   * newer link meanwhile), so a link email that failed can be sent again at once.
   */
  async restoreLinkSentAt(id: string, sentAt: Date | null, ifSentAt: Date): Promise<void> {
    await this.unitOfWork.manager
      .createQueryBuilder()
      .update(SubscriberEntity)
      .set({ linkSentAt: sentAt })
      .where('id = :id AND link_sent_at = :ifSentAt', { id, ifSentAt })
      .execute();
  }

  /**
   * Stores a registered subscription, or updates the one with the same endpoint
   * (the same browser subscribing again: new keys and preferences, active again).
   * Returns the stored id (the existing one on a repeat) and whether it is new.
   */
  async upsertPush(subscription: PushSubscription): Promise<{ id: string; created: boolean }> {
    const state = subscription.snapshot();
    const rows: { id: string; created: boolean }[] = await zoneChecked(state.preferences.timeZone, () => this.unitOfWork.manager.query(
      `INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, expiration_time, ${PREFERENCE_COLUMN_NAMES})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (endpoint) DO UPDATE SET
         p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, expiration_time = EXCLUDED.expiration_time,
         ${PREFERENCE_COLUMNS_FROM_EXCLUDED},
         active = true, deactivated_at = NULL, deactivated_reason = NULL, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [state.id, state.endpoint, state.p256dh, state.auth, state.expirationTime, ...preferenceColumnValues(state.preferences)],
    ));
    return rows[0];
  }

  async findPushForUpdate(id: string): Promise<PushSubscription | null> {
    const row = await this.unitOfWork.requireActive('findPushForUpdate').findOne(PushSubscriptionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? toPushSubscription(row) : null;
  }

  /**
   * Holds these push endpoints until the unit ends (transaction-level advisory locks, taken in
   * sorted order so two units locking the same pair cannot deadlock). A registration of an
   * endpoint and a report that replaces one to or from it then run one after the other, even
   * before any row of that endpoint exists to lock.
   */
  async lockPushEndpoints(endpoints: string[]): Promise<void> {
    this.unitOfWork.requireActive('lockPushEndpoints');
    for (const endpoint of [...new Set(endpoints)].sort()) {
      await this.unitOfWork.manager.query(`SELECT pg_advisory_xact_lock(hashtext('newsroom:push-endpoint'), hashtext($1))`, [endpoint]);
    }
  }

  /**
   * The subscriptions a browser's endpoint names, locked until the unit ends: the one at that
   * endpoint now first (endpoints are unique), then any whose endpoint it was before.
   */
  async findPushesAtEndpointForUpdate(endpoint: string): Promise<PushSubscription[]> {
    const rows = await this.unitOfWork
      .requireActive('findPushesAtEndpointForUpdate')
      .getRepository(PushSubscriptionEntity)
      .createQueryBuilder('p')
      .where('p.endpoint = :endpoint OR p.replaced_endpoint = :endpoint', { endpoint })
      .setLock('pessimistic_write')
      .getMany();
    return rows.sort((a, b) => Number(b.endpoint === endpoint) - Number(a.endpoint === endpoint)).map(toPushSubscription);
  }

  /** The subscription at this endpoint now (endpoints are unique), unlocked; null if none. */
  async findPushAtEndpoint(endpoint: string): Promise<PushSubscription | null> {
    const row = await this.unitOfWork.manager.findOneBy(PushSubscriptionEntity, { endpoint });
    return row ? toPushSubscription(row) : null;
  }

  async findPush(id: string): Promise<PushSubscription | null> {
    const row = await this.unitOfWork.manager.findOneBy(PushSubscriptionEntity, { id });
    return row ? toPushSubscription(row) : null;
  }

  async savePush(subscription: PushSubscription): Promise<void> {
    const state = subscription.snapshot();
    await zoneChecked(state.preferences.timeZone, () => this.unitOfWork.manager.update(
      PushSubscriptionEntity,
      { id: state.id },
      {
        endpoint: state.endpoint,
        p256dh: state.p256dh,
        auth: state.auth,
        expirationTime: state.expirationTime,
        replacedEndpoint: state.replacedEndpoint,
        replacedAuth: state.replacedAuth,
        preferences: toPreferenceColumns(state.preferences),
        active: state.active,
        deactivatedAt: state.deactivatedAt,
        deactivatedReason: state.deactivatedReason,
        updatedAt: new Date(),
      },
    ));
  }

  /** The email subscriber or push subscription a signed link names. */
  findRecipient(kind: RecipientKind, id: string): Promise<Recipient | null> {
    return kind === 'email' ? this.findSubscriber(id) : this.findPush(id);
  }

  /** Like findRecipient, locked until the unit ends. */
  findRecipientForUpdate(kind: RecipientKind, id: string): Promise<Recipient | null> {
    return kind === 'email' ? this.findSubscriberForUpdate(id) : this.findPushForUpdate(id);
  }

  async saveRecipient(recipient: Recipient): Promise<void> {
    if (recipient instanceof Subscriber) await this.saveSubscriber(recipient);
    else if (recipient instanceof PushSubscription) await this.savePush(recipient);
    else throw new Error(`cannot store a recipient of kind ${recipient.kind}`);
  }

  /**
   * A request that changes one recipient (a signed link's page, an unsubscribe):
   * locks it, lets `change` apply the request and say whether anything changed,
   * and stores it if so, in one unit of work (the caller's, or its own).
   * Errors: SUBSCRIBER.NOT_FOUND, and whatever `change` throws (nothing is stored then).
   */
  updateRecipient(kind: RecipientKind, id: string, change: (recipient: Recipient) => boolean): Promise<RecipientChange<Recipient>> {
    return this.lockChangeStore(() => this.findRecipientForUpdate(kind, id), change, (recipient) => this.saveRecipient(recipient));
  }

  /** `updateRecipient` for an email subscriber, with its subscriber-only methods. */
  updateSubscriber(id: string, change: (subscriber: Subscriber) => boolean): Promise<RecipientChange<Subscriber>> {
    return this.lockChangeStore(() => this.findSubscriberForUpdate(id), change, (subscriber) => this.saveSubscriber(subscriber));
  }

  /**
   * A mailbox refused for good (a 5xx reply to RCPT TO or DATA; docs/notifications.md,
   * "Bounces"): the subscriber is marked bounced with the reply `code`, and every e-mail still
   * queued for it is cancelled with `reason`, for it would bounce too. A subscriber erased
   * meanwhile is left alone. Inside the caller's unit of work.
   */
  async markAddressBounced(subscriberId: string, code: number | null, reason: string): Promise<void> {
    this.unitOfWork.requireActive('markAddressBounced');
    const subscriber = await this.findSubscriberForUpdate(subscriberId);
    if (subscriber?.markBounced(code, new Date())) await this.saveSubscriber(subscriber);
    await this.cancelPendingAlertsOf(subscriberId, `address bounced: ${reason}`);
  }

  /**
   * Alerts not yet sent to a recipient who left are not sent at all. Returns
   * how many were cancelled. Deliveries already `sending` are not touched.
   */
  async cancelPendingAlertsOf(recipientId: string, reason: string): Promise<number> {
    const result: [unknown[], number] = await this.unitOfWork.manager.query(
      `UPDATE deliveries SET status = 'cancelled', last_error = $2, updated_at = now()
       WHERE recipient_id = $1 AND status = 'pending'`,
      [recipientId, reason],
    );
    return result[1];
  }

  /**
   * A push service ended the subscription (its `answer`, e.g. "push service answered 410"): what
   * is still queued for it is cancelled, marked so that requeueMissedPushAlerts can find it.
   */
  cancelPendingAlertsOfEndedPush(pushSubscriptionId: string, answer: string): Promise<number> {
    return this.cancelPendingAlertsOf(pushSubscriptionId, `${ENDED_BY_PUSH_SERVICE}: ${answer}`);
  }

  /**
   * The alerts a push subscription missed while its push service had ended it, queued again now
   * that its browser reported the new endpoint (ReplacePushEndpointUseCase): the one the old
   * endpoint answered 404/410, and those the end cancelled. Only for stories still live that went
   * out (or were corrected) within `maxAgeSeconds`, the push TTL past which a push service drops
   * a message anyway. Due as a retry now would be (quiet hours hold all but breaking alerts).
   * None of them was delivered, and each is its own row of the unique (article, recipient,
   * channel), so nothing arrives twice. Inside the caller's unit of work; returns how many.
   */
  async requeueMissedPushAlerts(pushSubscriptionId: string, maxAgeSeconds: number): Promise<number> {
    this.unitOfWork.requireActive('requeueMissedPushAlerts');
    const [, requeued] = (await this.unitOfWork.manager.query(
      `UPDATE deliveries d SET status = 'pending', claimed_by = NULL, next_attempt_at = ${retryDueSql('now()')},
              last_error = 'queued again: the browser replaced the push endpoint', updated_at = now()
       FROM article_alerts a
       WHERE d.push_subscription_id = $1 AND d.channel = 'push' AND a.article_id = d.article_id
         AND ((d.status = 'failed' AND d.last_response_code IN (404, 410)) OR (d.status = 'cancelled' AND d.last_error LIKE $2))
         AND a.withdrawn_at IS NULL
         AND COALESCE(d.corrected_at, a.published_at) > now() - make_interval(secs => $3)`,
      [pushSubscriptionId, `${ENDED_BY_PUSH_SERVICE}: %`, maxAgeSeconds],
    )) as [unknown[], number];
    return requeued;
  }

  /**
   * What is still queued for a recipient who changed what they get, fitted to the new
   * preferences by the fan-out's own rules (recipient-selection.ts) applied to each stored
   * alert: an alert of a story they no longer follow, or one their new daily digest lists
   * instead, is cancelled; one held for quiet hours waits for the new quiet hours, or goes now.
   * Corrections (sent because the alert was received) and retries (an earlier attempt may
   * have reached the reader; its outcome is still to be recorded) are left as they are;
   * deliveries already `sending` cannot be recalled. Inside the caller's unit of work.
   */
  async refitPendingAlertsOf(kind: RecipientKind, recipientId: string): Promise<{ cancelled: number; rescheduled: number }> {
    this.unitOfWork.requireActive('refitPendingAlertsOf');
    const recipients = kind === 'email' ? 'subscribers' : 'push_subscriptions';
    const [, cancelled] = (await this.unitOfWork.manager.query(
      `UPDATE deliveries d SET status = 'cancelled', last_error = 'preferences changed: no longer wanted as an alert', updated_at = now()
       FROM article_alerts a, ${recipients} r
       WHERE d.recipient_id = $1 AND d.status = 'pending' AND d.kind = 'alert' AND d.attempts = 0
         AND a.article_id = d.article_id AND r.id = $1
         AND NOT (${matchesArticleSql(STORED_ARTICLE)})`,
      [recipientId],
    )) as [unknown[], number];
    // A first attempt held for quiet hours is due when a retry at this moment would be (breaking alerts never wait).
    const [, rescheduled] = (await this.unitOfWork.manager.query(
      `UPDATE deliveries d SET next_attempt_at = ${retryDueSql('now()')}, updated_at = now()
       WHERE d.recipient_id = $1 AND d.status = 'pending' AND d.attempts = 0 AND d.urgency <> 0 AND d.kind = 'alert'`,
      [recipientId],
    )) as [unknown[], number];
    return { cancelled, rescheduled };
  }

  private lockChangeStore<T extends Recipient>(
    lock: () => Promise<T | null>,
    change: (recipient: T) => boolean,
    store: (recipient: T) => Promise<void>,
  ): Promise<RecipientChange<T>> {
    return this.unitOfWork.run(async () => {
      const recipient = await lock();
      if (!recipient) throw recipientNotFound();
      const changed = change(recipient);
      if (changed) await store(recipient);
      return { recipient, changed };
    });
  }
}

function toSubscriber(row: SubscriberEntity): Subscriber {
  return Subscriber.restore({
    id: row.id,
    email: row.email,
    status: row.status,
    preferences: fromPreferenceColumns(row.preferences),
    linkSentAt: row.linkSentAt,
    confirmedAt: row.confirmedAt,
    unsubscribedAt: row.unsubscribedAt,
    bounce: row.bouncedAt ? { at: row.bouncedAt, code: row.bounceCode } : null,
  });
}

function toPushSubscription(row: PushSubscriptionEntity): PushSubscription {
  return PushSubscription.restore({
    id: row.id,
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    expirationTime: row.expirationTime,
    preferences: fromPreferenceColumns(row.preferences),
    active: row.active,
    deactivatedAt: row.deactivatedAt,
    deactivatedReason: row.deactivatedReason,
    replacedEndpoint: row.replacedEndpoint,
    replacedAuth: row.replacedAuth,
  });
}

/**
 * Runs a write of a recipient's preferences, turning PostgreSQL's "time zone not recognized"
 * (SQLSTATE 22023, raised by the column's CHECK that keeps the fan-out's AT TIME ZONE working)
 * into SUBSCRIBER.UNKNOWN_TIME_ZONE. The domain already checks the zone with Intl; this covers a
 * zone Node's ICU knows and the database's tz data does not (they are updated apart).
 */
async function zoneChecked<T>(zone: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const driverError = (error as { driverError?: { code?: string; message?: string } }).driverError;
    if (driverError?.code === '22023' && /time zone/i.test(driverError.message ?? '')) throw unknownTimeZone(zone);
    throw error;
  }
}
