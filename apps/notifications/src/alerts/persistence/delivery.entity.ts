import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel, DeliveryKind, DeliveryStatus } from '../domain/delivery-status';

/**
 * One alert (or one correction of it) to one recipient on one channel. Unique
 * indexes on (article_id, recipient_id, channel) for kind `alert`, and with
 * corrected_at for kind `correction`, make "at most once" a database guarantee;
 * recipient_id is generated from subscriber_id (email) or push_subscription_id (push).
 */
@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  articleId!: string;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ type: 'uuid', nullable: true })
  subscriberId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  pushSubscriptionId!: string | null;

  @Column({ type: 'uuid', insert: false, update: false })
  recipientId!: string;

  @Column({ type: 'text' })
  kind!: DeliveryKind;

  /** Which correction a `correction` delivery is for (the correction event's time); null for an alert. */
  @Column({ type: 'timestamptz', nullable: true })
  correctedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  correctionNote!: string | null;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  /** The worker that claimed it for sending; its advisory lock tells whether it still runs. */
  @Column({ type: 'uuid', nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'int', nullable: true })
  lastResponseCode!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
