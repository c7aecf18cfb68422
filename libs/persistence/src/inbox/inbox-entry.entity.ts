import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per event a consumer has applied, written in the same transaction as
 * the effect: a redelivered event finds its row and changes nothing.
 */
@Entity({ name: 'inbox' })
export class InboxEntryEntity {
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'int' })
  partition!: number;

  @Column({ type: 'bigint' })
  offset!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
