import { Injectable } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
import { draftNotFound } from '../../domain/draft.errors';
import { DraftRepository } from '../../persistence/draft.repository';
import type { SubmitDraftCommand } from './submit-draft.command';
import { submissionEvent } from '../submission-event';

export interface SubmitDraftResult {
  /** The revision sent to review. */
  revision: number;
  /** Id of the `news.article.submitted.v1` event recorded for it. */
  eventId: string;
}

/** Sends the current revision to the editors; the event carries that exact text. */
@Injectable()
export class SubmitDraftUseCase {
  constructor(
    private readonly drafts: DraftRepository,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Marks the draft submitted and records `news.article.submitted.v1` in the
   * same transaction. Errors: DRAFT.NOT_FOUND (also for a draft the actor may
   * not read), DRAFT.NOT_AUTHOR, DRAFT.NOT_SUBMITTABLE, DRAFT.VERSION_CONFLICT.
   */
  @Transactional()
  async execute(command: SubmitDraftCommand): Promise<SubmitDraftResult> {
    const draft = await this.drafts.findForUpdate(command.draftId);
    if (!draft?.isVisibleTo(command.actor)) throw draftNotFound(command.draftId);
    const now = new Date();
    draft.submit(command.actor.id, command.expectedVersion, now);
    await this.drafts.save(draft);
    const submitted = submissionEvent(draft, now);
    await this.outbox.record(submitted);
    return { revision: draft.version, eventId: submitted.id };
  }
}
