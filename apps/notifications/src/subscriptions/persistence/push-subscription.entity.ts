import { Column, Entity, PrimaryColumn } from 'typeorm';

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

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sections!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'boolean', default: false })
  breakingOnly!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  /** "unsubscribed", or the push service's answer that ended it (e.g. "push service answered 410"). */
  @Column({ type: 'text', nullable: true })
  deactivatedReason!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
