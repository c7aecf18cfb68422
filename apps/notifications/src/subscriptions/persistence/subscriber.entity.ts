import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SubscriberStatus } from '../domain/subscriber';
import { PreferenceColumns } from './preference-columns';

/** An email subscriber; the address is unique ignoring case (index on lower(email)). */
@Entity({ name: 'subscribers' })
export class SubscriberEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  status!: SubscriberStatus;

  @Column(() => PreferenceColumns, { prefix: false })
  preferences!: PreferenceColumns;

  /** When the last confirmation or manage-link email was sent (rate limit). */
  @Column({ type: 'timestamptz', nullable: true })
  linkSentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  unsubscribedAt!: Date | null;

  /** When the address hard-bounced (SMTP 5xx to RCPT TO / DATA); null if it never did or its owner opted in again since. */
  @Column({ type: 'timestamptz', nullable: true })
  bouncedAt!: Date | null;

  /** The SMTP reply code of that bounce, e.g. 550. */
  @Column({ type: 'smallint', nullable: true })
  bounceCode!: number | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
