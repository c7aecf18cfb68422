import { Injectable } from '@nestjs/common';
import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Outbox } from '@newsroom/messaging';
import { draftNotFound } from '../../domain/draft.errors';
import { DraftRepository } from '../../persistence/draft.repository';

/** Sends the current revision to the editors; the event carries that exact text. */
@Injectable()
export class SubmitDraftUseCase {
  constructor(
    private readonly drafts: DraftRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute(user: AuthenticatedUser, id: string, expectedVersion?: number): Promise<void> {
    await this.drafts.transaction(async (manager) => {
      const draft = await this.drafts.findForUpdate(manager, id);
      if (!draft || (draft.state.authorId !== user.id && !user.roles.includes('editor') && !user.roles.includes('admin'))) {
        throw draftNotFound(id);
      }
      draft.submit(user.id, expectedVersion);
      const now = new Date();
      await this.drafts.update(manager, draft);
      await this.drafts.addActivity(manager, id, { kind: 'submitted', at: now, actorId: user.id, revision: draft.state.version });
      await this.outbox.add(
        manager,
        createEvent(
          EVENT_TYPES.articleSubmitted,
          {
            articleId: id,
            revision: draft.state.version,
            authorId: draft.state.authorId,
            submittedAt: now.toISOString(),
            article: draft.state.content,
          },
          { subject: id, time: now },
        ),
      );
    });
  }
}
