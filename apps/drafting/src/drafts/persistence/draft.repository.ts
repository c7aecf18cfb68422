import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Draft } from '../domain/draft';
import type { DraftStatus } from '../domain/draft-status';
import { ActivityEntity, type ActivityKind } from './activity.entity';
import { DraftEntity } from './draft.entity';
import { RevisionEntity } from './revision.entity';

export interface ActivityInput {
  kind: ActivityKind;
  at: Date;
  actorId?: string | null;
  revision?: number | null;
  note?: string | null;
  eventId?: string | null;
}

/** Loads and stores drafts with their revisions and timeline. */
@Injectable()
export class DraftRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Reads a draft and locks its row until the transaction ends. */
  async findForUpdate(manager: EntityManager, id: string): Promise<Draft | null> {
    const row = await manager.findOne(DraftEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? new Draft(toState(row)) : null;
  }

  async insert(manager: EntityManager, draft: Draft, at: Date): Promise<void> {
    await manager.insert(DraftEntity, { ...draft.state, createdAt: at, updatedAt: at });
    await this.insertRevision(manager, draft, at);
  }

  async update(manager: EntityManager, draft: Draft): Promise<void> {
    const { id, ...fields } = draft.state;
    await manager.update(DraftEntity, { id }, { ...fields, content: fields.content as never });
  }

  async insertRevision(manager: EntityManager, draft: Draft, at: Date): Promise<void> {
    await manager.insert(RevisionEntity, {
      draftId: draft.state.id,
      number: draft.state.version,
      content: draft.state.content as never,
      authorId: draft.state.authorId,
      createdAt: at,
    });
  }

  async addActivity(manager: EntityManager, draftId: string, activity: ActivityInput): Promise<void> {
    await manager.insert(ActivityEntity, {
      draftId,
      kind: activity.kind,
      at: activity.at,
      actorId: activity.actorId ?? null,
      revision: activity.revision ?? null,
      note: activity.note ?? null,
      eventId: activity.eventId ?? null,
    });
  }

  findById(id: string): Promise<DraftEntity | null> {
    return this.dataSource.getRepository(DraftEntity).findOneBy({ id });
  }

  list(filter: { authorId?: string; status?: DraftStatus; limit: number; offset: number }): Promise<[DraftEntity[], number]> {
    return this.dataSource.getRepository(DraftEntity).findAndCount({
      where: { ...(filter.authorId ? { authorId: filter.authorId } : {}), ...(filter.status ? { status: filter.status } : {}) },
      order: { updatedAt: 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  activity(draftId: string): Promise<ActivityEntity[]> {
    return this.dataSource.getRepository(ActivityEntity).find({ where: { draftId }, order: { at: 'ASC', id: 'ASC' } });
  }

  revisions(draftId: string): Promise<RevisionEntity[]> {
    return this.dataSource.getRepository(RevisionEntity).find({ where: { draftId }, order: { number: 'ASC' } });
  }

  revision(draftId: string, number: number): Promise<RevisionEntity | null> {
    return this.dataSource.getRepository(RevisionEntity).findOneBy({ draftId, number });
  }
}

function toState(row: DraftEntity) {
  return {
    id: row.id,
    authorId: row.authorId,
    status: row.status,
    version: row.version,
    content: row.content,
    statusRevision: row.statusRevision,
    submittedRevision: row.submittedRevision,
    publicUrl: row.publicUrl,
    publishAt: row.publishAt,
  };
}
