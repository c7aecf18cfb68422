import { IsDefined, IsObject } from 'class-validator';
import type { ArticleContent } from '@newsroom/contracts';
import { DraftChangeCommand } from '../draft-change.command';

/**
 * A change to a draft's text, made on the version the editor had in front of
 * them (`expectedVersion`; absent → DRAFT.VERSION_REQUIRED).
 */
export class EditDraftCommand extends DraftChangeCommand {
  /**
   * The fields to change; omitted fields keep their value, `body` is replaced
   * whole. The merged article is validated as a whole by the draft.
   */
  @IsDefined()
  @IsObject()
  changes!: Partial<ArticleContent>;
}
