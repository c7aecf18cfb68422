import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@newsroom/auth';
import { mayReadDraft, readsEveryDraft } from '../../domain/draft';
import { draftNotFound, revisionNotFound } from '../../domain/draft.errors';
import type { DraftStatus } from '../../domain/draft-status';
import type { DraftEntity } from '../../persistence/draft.entity';
import { DraftRepository } from '../../persistence/draft.repository';
import { toActivityView, toDraftSummary, toDraftView, toRevisionView, type DraftSummary, type DraftView, type RevisionView } from './draft.views';

/** What reporters and editors may read: reporters their own drafts, editors every draft. */
@Injectable()
export class ReadDraftsQuery {
  constructor(private readonly drafts: DraftRepository) {}

  /** Newest change first; a reporter sees only their own drafts, an editor every draft unless `mine`; spiked ones only when `spiked`. */
  async list(
    reader: AuthenticatedUser,
    filter: { status?: DraftStatus; spiked?: boolean; mine?: boolean; limit: number; offset: number },
  ): Promise<{ items: DraftSummary[]; total: number }> {
    // An editor reads every story; `mine` narrows anyone to their own (an editor who also writes).
    const { mine, ...rest } = filter;
    const authorId = readsEveryDraft(reader) && !mine ? undefined : reader.id;
    const [rows, total] = await this.drafts.list({ ...rest, authorId });
    return { items: rows.map(toDraftSummary), total };
  }

  /** The draft with its timeline. DRAFT.NOT_FOUND when missing or not the reader's to see. */
  async get(reader: AuthenticatedUser, id: string): Promise<DraftView> {
    const row = await this.visible(reader, id);
    return toDraftView(row, (await this.drafts.activity(id)).map(toActivityView));
  }

  async revisions(reader: AuthenticatedUser, id: string): Promise<RevisionView[]> {
    await this.visible(reader, id);
    return (await this.drafts.revisions(id)).map(toRevisionView);
  }

  /** DRAFT.REVISION_NOT_FOUND when the draft has no revision `number`. */
  async revision(reader: AuthenticatedUser, id: string, number: number): Promise<RevisionView> {
    await this.visible(reader, id);
    const revision = await this.drafts.revision(id, number);
    if (!revision) throw revisionNotFound(id, number);
    return toRevisionView(revision);
  }

  /** The draft's row when `reader` may see it: its author, or any editor. DRAFT.NOT_FOUND otherwise. */
  async visible(reader: AuthenticatedUser, id: string): Promise<DraftEntity> {
    const row = await this.drafts.findById(id);
    if (!row || !mayReadDraft(reader, row.authorId)) throw draftNotFound(id);
    return row;
  }
}
