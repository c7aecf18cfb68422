import { IsDefined, IsObject } from 'class-validator';
import type { ArticleContent } from '@newsroom/contracts';
import { DraftChangeCommand } from '../draft-change.command';

/**
 * The reviewing editor's edit of the text under review, made on the version they were shown
 * (`expectedVersion`; absent → DRAFT.VERSION_REQUIRED).
 */
export class SubEditDraftCommand extends DraftChangeCommand {
  /** The fields to change, as for a reporter's edit: omitted fields keep their value, `body` is replaced whole. */
  @IsDefined()
  @IsObject()
  changes!: Partial<ArticleContent>;
}
