import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@newsroom/auth';
import { hasAnyRole } from '@newsroom/auth';
import { draftNotFound, revisionNotFound } from '../../domain/draft.errors';
import type { DraftStatus } from '../../domain/draft-status';
import type { DraftEntity } from '../../persistence/draft.entity';
import { DraftRepository } from '../../persistence/draft.repository';
import { toActivityView, toDraftSummary, toDraftView, toRevisionView, type DraftSummary, type DraftView, type RevisionView } from './draft.views';

/** What reporters and editors may read: reporters their own drafts, editors every draft. */
@Injectable()
export class ReadDraftsQuery {
  constructor(private readonly drafts: DraftRepository) {}

  async list(
    user: AuthenticatedUser,
    filter: { status?: DraftStatus; limit: number; offset: number },
  ): Promise<{ items: DraftSummary[]; total: number }> {
    const authorId = hasAnyRole(user, ['editor']) ? undefined : user.id;
    const [rows, total] = await this.drafts.list({ ...filter, authorId });
    return { items: rows.map(toDraftSummary), total };
  }

  async get(user: AuthenticatedUser, id: string): Promise<DraftView> {
    const row = await this.visible(user, id);
    return toDraftView(row, (await this.drafts.activity(id)).map(toActivityView));
  }

  async revisions(user: AuthenticatedUser, id: string): Promise<RevisionView[]> {
    await this.visible(user, id);
    return (await this.drafts.revisions(id)).map(toRevisionView);
  }

  async revision(user: AuthenticatedUser, id: string, number: number): Promise<RevisionView> {
    await this.visible(user, id);
    const revision = await this.drafts.revision(id, number);
    if (!revision) throw revisionNotFound(id, number);
    return toRevisionView(revision);
  }

  /** Someone else's draft is reported as missing, not forbidden: its existence is not shared. */
  private async visible(user: AuthenticatedUser, id: string): Promise<DraftEntity> {
    const row = await this.drafts.findById(id);
    if (!row || (row.authorId !== user.id && !hasAnyRole(user, ['editor']))) throw draftNotFound(id);
    return row;
  }
}
