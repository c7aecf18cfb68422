import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Preferences } from '../domain/preferences';
import { Subscriber } from '../domain/subscriber';
import { PushSubscriptionEntity } from './push-subscription.entity';
import { SubscriberEntity } from './subscriber.entity';

export interface PushSubscriptionInput {
  endpoint: string;
  p256dh: string;
  auth: string;
  expirationTime: Date | null;
  preferences: Preferences;
}

/** Loads and stores email subscribers and push subscriptions. */
@Injectable()
export class SubscriptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Locks the subscriber with this address (any capitalisation) until the transaction ends. */
  async findByEmailForUpdate(manager: EntityManager, email: string): Promise<Subscriber | null> {
    const row = await manager
      .getRepository(SubscriberEntity)
      .createQueryBuilder('s')
      .where('lower(s.email) = lower(:email)', { email })
      .setLock('pessimistic_write')
      .getOne();
    return row ? toSubscriber(row) : null;
  }

  async findSubscriberForUpdate(manager: EntityManager, id: string): Promise<Subscriber | null> {
    const row = await manager.findOne(SubscriberEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? toSubscriber(row) : null;
  }

  async findSubscriber(id: string): Promise<Subscriber | null> {
    const row = await this.dataSource.getRepository(SubscriberEntity).findOneBy({ id });
    return row ? toSubscriber(row) : null;
  }

  /**
   * Inserts a new subscriber unless another request inserted the same address
   * first; returns false in that case (the caller retries as a repeat signup).
   */
  async insertSubscriber(manager: EntityManager, subscriber: Subscriber): Promise<boolean> {
    const { state } = subscriber;
    const rows: unknown[] = await manager.query(
      `INSERT INTO subscribers (id, email, status, sections, tags, breaking_only, link_sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [state.id, state.email, state.status, state.preferences.sections, state.preferences.tags, state.preferences.breakingOnly, state.linkSentAt],
    );
    return rows.length === 1;
  }

  async saveSubscriber(manager: EntityManager, subscriber: Subscriber): Promise<void> {
    const { state } = subscriber;
    await manager.update(
      SubscriberEntity,
      { id: state.id },
      {
        status: state.status,
        sections: state.preferences.sections,
        tags: state.preferences.tags,
        breakingOnly: state.preferences.breakingOnly,
        linkSentAt: state.linkSentAt,
        confirmedAt: state.confirmedAt,
        unsubscribedAt: state.unsubscribedAt,
        updatedAt: new Date(),
      },
    );
  }

  /** Lets a link email be sent again at once after sending it failed. */
  async restoreLinkSentAt(id: string, sentAt: Date | null, ifSentAt: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(SubscriberEntity)
      .set({ linkSentAt: sentAt })
      .where('id = :id AND link_sent_at = :ifSentAt', { id, ifSentAt })
      .execute();
  }

  /**
   * Creates the subscription, or updates the one with the same endpoint (the same
   * browser subscribing again). Returns its id and whether it is new.
   */
  async upsertPushSubscription(manager: EntityManager, id: string, input: PushSubscriptionInput): Promise<{ id: string; created: boolean }> {
    const rows: { id: string; created: boolean }[] = await manager.query(
      `INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, expiration_time, sections, tags, breaking_only)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (endpoint) DO UPDATE SET
         p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, expiration_time = EXCLUDED.expiration_time,
         sections = EXCLUDED.sections, tags = EXCLUDED.tags, breaking_only = EXCLUDED.breaking_only,
         active = true, deactivated_at = NULL, deactivated_reason = NULL, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [id, input.endpoint, input.p256dh, input.auth, input.expirationTime, input.preferences.sections, input.preferences.tags, input.preferences.breakingOnly],
    );
    return rows[0];
  }

  async findPushForUpdate(manager: EntityManager, id: string): Promise<PushSubscriptionEntity | null> {
    return manager.findOne(PushSubscriptionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findPush(id: string): Promise<PushSubscriptionEntity | null> {
    return this.dataSource.getRepository(PushSubscriptionEntity).findOneBy({ id });
  }

  async savePushPreferences(manager: EntityManager, id: string, preferences: Preferences): Promise<void> {
    await manager.update(
      PushSubscriptionEntity,
      { id },
      { sections: preferences.sections, tags: preferences.tags, breakingOnly: preferences.breakingOnly, updatedAt: new Date() },
    );
  }

  async deactivatePush(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.update(PushSubscriptionEntity, { id, active: true }, { active: false, deactivatedAt: new Date(), deactivatedReason: reason, updatedAt: new Date() });
  }

  /** Alerts not yet sent to a recipient who left are not sent at all. */
  async cancelPendingDeliveries(manager: EntityManager, recipientId: string, reason: string): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE deliveries SET status = 'cancelled', last_error = $2, updated_at = now()
       WHERE recipient_id = $1 AND status = 'pending'`,
      [recipientId, reason],
    );
    return result[1];
  }
}

export function toSubscriber(row: SubscriberEntity): Subscriber {
  return new Subscriber({
    id: row.id,
    email: row.email,
    status: row.status,
    preferences: { sections: row.sections, tags: row.tags, breakingOnly: row.breakingOnly },
    linkSentAt: row.linkSentAt,
    confirmedAt: row.confirmedAt,
    unsubscribedAt: row.unsubscribedAt,
  });
}
