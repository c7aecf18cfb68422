import { IsNotEmpty, IsString } from 'class-validator';
import { ArticleRevisionCommand, withApproval } from '@newsroom/contracts';

/**
 * Publish a revision an editor approved: exactly this content, at once or at the later of
 * `publishAt` and `embargoUntil` (ISO 8601 instants). `revision` is drafting's number; only
 * a newer one than any accepted counts. The approval's fields are the approved event's own
 * (`withApproval`), so the command and the event cannot drift apart; the author and editor
 * ids are checked against each other before anything goes live.
 */
export class PublishApprovedArticleCommand extends withApproval(ArticleRevisionCommand) {
  /** The approving editor's user id. */
  @IsString()
  @IsNotEmpty()
  editorId!: string;
}
