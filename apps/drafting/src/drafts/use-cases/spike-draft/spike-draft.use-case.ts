import { Injectable } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { draftNotFound } from '../../domain/draft.errors';
import { DraftRepository } from '../../persistence/draft.repository';
import type { SpikeDraftCommand } from './spike-draft.command';

/**
 * Spikes a story or brings it back. Nothing is announced: a story that can be spiked is with
 * nobody else (never live, not with the editors), so no other service holds anything to undo.
 */
@Injectable()
export class SpikeDraftUseCase {
  constructor(private readonly drafts: DraftRepository) {}

  /**
   * Returns whether anything changed (a second click changes nothing). Errors: DRAFT.NOT_FOUND
   * (also for a draft the actor may not read), DRAFT.NOT_AUTHOR, DRAFT.NOT_SPIKEABLE,
   * DRAFT.VERSION_CONFLICT.
   */
  @Transactional()
  async execute(command: SpikeDraftCommand): Promise<{ changed: boolean }> {
    const draft = await this.drafts.findForUpdate(command.draftId);
    if (!draft?.isVisibleTo(command.actor)) throw draftNotFound(command.draftId);
    const at = new Date();
    const changed = command.spiked ? draft.spike(command.actor.id, command.expectedVersion, at) : draft.unspike(command.actor.id, at);
    await this.drafts.save(draft);
    return { changed };
  }
}
