import { Injectable } from '@nestjs/common';
import { ArticleContent, DomainError, validatePlain } from '@newsroom/contracts';
import type { AuthenticatedUser } from '@newsroom/auth';
import { draftNotFound } from '../../domain/draft.errors';
import { DraftRepository } from '../../persistence/draft.repository';

/**
 * Saves a reporter's edit as a new revision. Optimistic concurrency: the edit
 * must name the version it was made on, so two editors never overwrite each
 * other silently; a stale edit is refused with 412 and nothing is lost.
 */
@Injectable()
export class EditDraftUseCase {
  constructor(private readonly drafts: DraftRepository) {}

  async execute(user: AuthenticatedUser, id: string, expectedVersion: number, changes: Partial<ArticleContent>): Promise<number> {
    return this.drafts.transaction(async (manager) => {
      const draft = await this.drafts.findForUpdate(manager, id);
      if (!draft || (draft.state.authorId !== user.id && !user.roles.includes('editor') && !user.roles.includes('admin'))) {
        throw draftNotFound(id);
      }
      const merged = validatePlain(ArticleContent, { ...stripUndefined(draft.state.content), ...stripUndefined(changes) });
      if (!merged.ok) {
        throw new DomainError('REQUEST.VALIDATION_FAILED', merged.issues.map((i) => `${i.message}`).join('; '), 'validation', merged.issues);
      }
      draft.edit(user.id, expectedVersion, merged.value);
      const now = new Date();
      await this.drafts.update(manager, draft);
      await this.drafts.insertRevision(manager, draft, now);
      await this.drafts.addActivity(manager, id, { kind: 'edited', at: now, actorId: user.id, revision: draft.state.version });
      return draft.state.version;
    });
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(value)) as object)) as Partial<T>;
}
