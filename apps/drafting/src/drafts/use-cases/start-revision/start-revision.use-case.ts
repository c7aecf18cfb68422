import { Injectable } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { draftNotFound } from '../../domain/draft.errors';
import { DraftRepository } from '../../persistence/draft.repository';
import type { StartRevisionCommand } from './start-revision.command';

export interface StartRevisionResult {
  /** The new revision: the live text, copied, now editable. */
  revision: number;
}

/**
 * Opens a published story for a newer revision. Nothing is announced: the revision goes to
 * the editors when the reporter submits it, like any draft, and publishes as an update once
 * approved (publishing replaces the live text at the same address).
 */
@Injectable()
export class StartRevisionUseCase {
  constructor(private readonly drafts: DraftRepository) {}

  /**
   * Errors: DRAFT.NOT_FOUND (also for a draft the actor may not read), DRAFT.NOT_AUTHOR,
   * DRAFT.NOT_REVISABLE (the story is not published), DRAFT.VERSION_CONFLICT.
   */
  @Transactional()
  async execute(command: StartRevisionCommand): Promise<StartRevisionResult> {
    const draft = await this.drafts.findForUpdate(command.draftId);
    if (!draft?.isVisibleTo(command.actor)) throw draftNotFound(command.draftId);
    draft.startRevision(command.actor.id, command.expectedVersion, new Date());
    await this.drafts.save(draft);
    return { revision: draft.version };
  }
}
