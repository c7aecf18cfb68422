import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityKind } from '../domain/draft-timeline';

/** The reporter's timeline: every status change and every editor note. */
@Entity({ name: 'draft_activity' })
@Index('draft_activity_draft_idx', ['draftId', 'at'])
export class ActivityEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  draftId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  kind!: ActivityKind;

  @Column({ type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ type: 'int', nullable: true })
  revision!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** For an editor's note on one block of the revision's body: that block, 0-based. */
  @Column({ type: 'int', nullable: true })
  blockIndex!: number | null;

  /** For a `scheduled` entry: when the revision was to go live then. */
  @Column({ type: 'timestamptz', nullable: true })
  publishAt!: Date | null;

  /** Source event id, so a timeline entry is never written twice. */
  @Column({ type: 'uuid', nullable: true, unique: true })
  eventId!: string | null;
}
