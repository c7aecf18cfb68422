import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { UnitOfWork } from '@newsroom/persistence';
import { Draft, type DraftSnapshot } from '../domain/draft';
import type { DraftStatus } from '../domain/draft-status';
import { ActivityEntity } from './activity.entity';
import { DraftEntity } from './draft.entity';
import { RevisionEntity } from './revision.entity';

/**
 * Loads and stores drafts with their revisions and timeline, through the open
 * unit of work (outside one, reads use the data source directly).
 */
@Injectable()
export class DraftRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /**
   * Reads a draft and locks its row until the unit of work ends, so two
   * changes to one draft apply one after the other. Null when there is none.
   * Throws outside UnitOfWork.run(): a lock that ends at once protects nothing.
   */
  async findForUpdate(id: string): Promise<Draft | null> {
    const manager = this.unitOfWork.requireActive('DraftRepository.findForUpdate');
    const row = await manager.findOne(DraftEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? Draft.restore(snapshotOf(row)) : null;
  }

  /**
   * Writes what changed on `draft` since it was created or loaded: its row
   * (inserted when new, updated when its state changed), a new revision, and
   * new timeline entries. Throws outside UnitOfWork.run(), since these writes
   * are correct only together.
   */
  async save(draft: Draft): Promise<void> {
    const manager = this.unitOfWork.requireActive('DraftRepository.save');
    const changes = draft.takeChanges();
    const { id, content, ...fields } = draft.snapshot();
    if (changes.createdAt) {
      await manager.insert(DraftEntity, { id, ...fields, content: content as never, createdAt: changes.createdAt, updatedAt: changes.createdAt });
    } else if (changes.stateChanged) {
      await manager.update(DraftEntity, { id }, { ...fields, content: content as never });
    }
    if (changes.revision) {
      await manager.insert(RevisionEntity, { draftId: id, ...changes.revision, content: changes.revision.content as never });
    }
    if (changes.timeline.length > 0) {
      await manager.insert(ActivityEntity, changes.timeline.map((entry) => ({ draftId: id, ...entry })));
    }
  }

  /** True when the timeline already has the entry mirroring event `eventId`. */
  async hasEntryFromEvent(eventId: string): Promise<boolean> {
    return this.unitOfWork.manager.exists(ActivityEntity, { where: { eventId } });
  }

  findById(id: string): Promise<DraftEntity | null> {
    return this.unitOfWork.manager.findOneBy(DraftEntity, { id });
  }

  /**
   * Newest change first; `authorId` narrows to one reporter's drafts, `spiked` chooses the spiked
   * stories or the others (never both: a spiked story is set aside).
   */
  list(filter: { authorId?: string; status?: DraftStatus; spiked?: boolean; limit: number; offset: number }): Promise<[DraftEntity[], number]> {
    return this.unitOfWork.manager.findAndCount(DraftEntity, {
      where: {
        ...(filter.authorId ? { authorId: filter.authorId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        spikedAt: filter.spiked ? Not(IsNull()) : IsNull(),
      },
      order: { updatedAt: 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  /** The draft's timeline, oldest first. */
  activity(draftId: string): Promise<ActivityEntity[]> {
    return this.unitOfWork.manager.find(ActivityEntity, { where: { draftId }, order: { at: 'ASC', id: 'ASC' } });
  }

  revisions(draftId: string): Promise<RevisionEntity[]> {
    return this.unitOfWork.manager.find(RevisionEntity, { where: { draftId }, order: { number: 'ASC' } });
  }

  revision(draftId: string, number: number): Promise<RevisionEntity | null> {
    return this.unitOfWork.manager.findOneBy(RevisionEntity, { draftId, number });
  }
}

/** The draft's own state in a row: every column but the row's bookkeeping (the mirror of `save`). */
function snapshotOf(row: DraftEntity): DraftSnapshot {
  const { createdAt: _created, updatedAt: _updated, ...snapshot } = row;
  return snapshot;
}
