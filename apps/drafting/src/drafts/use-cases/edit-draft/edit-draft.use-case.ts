import { Injectable } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { requireEditedVersion } from '../../domain/draft';
import { draftNotFound } from '../../domain/draft.errors';
import { DraftRepository } from '../../persistence/draft.repository';
import type { EditDraftCommand } from './edit-draft.command';

export interface EditDraftResult {
  /** The new current version (the revision just saved). */
  version: number;
}

/**
 * Saves a reporter's edit as a new revision. Optimistic concurrency: the edit
 * must name the version it was made on, so two editors never overwrite each
 * other silently; a stale edit is refused with 412 and nothing is lost.
 */
@Injectable()
export class EditDraftUseCase {
  constructor(private readonly drafts: DraftRepository) {}

  /**
   * Errors: DRAFT.VERSION_REQUIRED, DRAFT.NOT_FOUND (also for a draft the actor
   * may not read), REQUEST.VALIDATION_FAILED, DRAFT.NOT_AUTHOR, DRAFT.NOT_EDITABLE,
   * DRAFT.VERSION_CONFLICT.
   */
  @Transactional()
  async execute(command: EditDraftCommand): Promise<EditDraftResult> {
    const expectedVersion = requireEditedVersion(command.expectedVersion);
    const draft = await this.drafts.findForUpdate(command.draftId);
    if (!draft?.isVisibleTo(command.actor)) throw draftNotFound(command.draftId);
    draft.edit(command.actor.id, expectedVersion, command.changes, new Date());
    await this.drafts.save(draft);
    return { version: draft.version };
  }
}
