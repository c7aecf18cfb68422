import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ArticleContent } from '@newsroom/contracts';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Draft } from '../../domain/draft';
import { DraftRepository } from '../../persistence/draft.repository';

/** A reporter starts a story; the article id assigned here is used by every service. */
@Injectable()
export class CreateDraftUseCase {
  constructor(private readonly drafts: DraftRepository) {}

  async execute(user: AuthenticatedUser, content: ArticleContent): Promise<string> {
    const draft = Draft.create(randomUUID(), user.id, content);
    const now = new Date();
    await this.drafts.transaction(async (manager) => {
      await this.drafts.insert(manager, draft, now);
      await this.drafts.addActivity(manager, draft.state.id, { kind: 'created', at: now, actorId: user.id, revision: 1 });
    });
    return draft.state.id;
  }
}
