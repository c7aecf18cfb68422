import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AttemptOutcome } from '../domain/delivery-status';

/** Every attempt to send a delivery, with what the SMTP server or push service said. */
@Entity({ name: 'delivery_attempts' })
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'bigint' })
  deliveryId!: string;

  @Column({ type: 'int' })
  attempt!: number;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz' })
  finishedAt!: Date;

  @Column({ type: 'text' })
  outcome!: AttemptOutcome;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'int', nullable: true })
  responseCode!: number | null;
}
