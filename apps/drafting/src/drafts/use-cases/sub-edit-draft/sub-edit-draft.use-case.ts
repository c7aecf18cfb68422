import { Injectable, Logger } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
import { requireEditedVersion } from '../../domain/draft';
import { draftNotFound } from '../../domain/draft.errors';
import { DraftRepository } from '../../persistence/draft.repository';
import { submissionEvent } from '../submission-event';
import type { SubEditDraftCommand } from './sub-edit-draft.command';

export interface SubEditDraftResult {
  /** The revision now under review: the editor's, or the one they were shown when nothing changed. */
  revision: number;
  /** Whether a new revision was saved and sent to review (false: the edit left the text as it was). */
  edited: boolean;
}

/**
 * The reviewing editor edits the text under review. The new revision and its
 * `news.article.submitted.v1` (with `editedBy`) are written in one transaction, so review
 * always receives the words the draft now holds, and nothing else.
 */
@Injectable()
export class SubEditDraftUseCase {
  private readonly logger = new Logger(SubEditDraftUseCase.name);

  constructor(
    private readonly drafts: DraftRepository,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Errors: DRAFT.VERSION_REQUIRED, DRAFT.NOT_FOUND (also for a draft the actor may not read),
   * DRAFT.NOT_IN_REVIEW, DRAFT.NOT_REVIEWER, DRAFT.VERSION_CONFLICT, REQUEST.VALIDATION_FAILED.
   */
  @Transactional()
  async execute(command: SubEditDraftCommand): Promise<SubEditDraftResult> {
    const expectedVersion = requireEditedVersion(command.expectedVersion);
    const draft = await this.drafts.findForUpdate(command.draftId);
    if (!draft?.isVisibleTo(command.actor)) throw draftNotFound(command.draftId);
    const now = new Date();
    const edited = draft.subEdit(command.actor.id, expectedVersion, command.changes, now);
    if (!edited) return { revision: draft.version, edited: false };
    await this.drafts.save(draft);
    await this.outbox.record(submissionEvent(draft, now, command.actor.id));
    this.logger.log({ articleId: draft.id, revision: draft.version, editorId: command.actor.id }, 'text sub-edited in review; sent to review');
    return { revision: draft.version, edited: true };
  }
}
