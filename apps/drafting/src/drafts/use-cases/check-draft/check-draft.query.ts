import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@newsroom/auth';
import { runEditorialChecks, summarizeChecks } from '@newsroom/contracts';
import { SectionList } from '../../domain/section-list';
import { ReadDraftsQuery } from '../read-drafts/read-drafts.query';
import type { DraftChecksView } from './draft-checks.view';

/**
 * The editorial checks (`runEditorialChecks`, the same function editorial-review runs on every
 * submission and the desk runs as the reporter types) on a draft's current text, against the
 * site's section list. Nothing is stored: the answer follows the text and the list as they are.
 */
@Injectable()
export class CheckDraftQuery {
  constructor(
    private readonly read: ReadDraftsQuery,
    private readonly sections: SectionList,
  ) {}

  /** Whoever may read the draft may check it; DRAFT.NOT_FOUND when missing or not the reader's to see. */
  async checks(reader: AuthenticatedUser, id: string): Promise<DraftChecksView> {
    const draft = await this.read.visible(reader, id);
    const items = runEditorialChecks(draft.content, { sections: this.sections.slugs() });
    return { items, summary: summarizeChecks(items) };
  }
}
