import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PreferenceColumns } from './preference-columns';

/** A browser's push subscription; active from the moment the browser granted permission. */
@Entity({ name: 'push_subscriptions' })
export class PushSubscriptionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', unique: true })
  endpoint!: string;

  @Column({ type: 'text' })
  p256dh!: string;

  @Column({ type: 'text' })
  auth!: string;

  @Column({ type: 'timestamptz', nullable: true })
  expirationTime!: Date | null;

  @Column(() => PreferenceColumns, { prefix: false })
  preferences!: PreferenceColumns;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  /** "unsubscribed", or the push service's answer that ended it (e.g. "push service answered 410"). */
  @Column({ type: 'text', nullable: true })
  deactivatedReason!: string | null;

  /** The endpoint before the browser last replaced it, and its auth secret (see PushSubscriptionSnapshot). */
  @Column({ type: 'text', nullable: true })
  replacedEndpoint!: string | null;

  @Column({ type: 'text', nullable: true })
  replacedAuth!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
