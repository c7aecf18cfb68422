import { IsDate, IsNotEmpty, IsOptional, IsString, IsUUID } from 'class-validator';
import { ArticleContent, ArticleRevisionCommand, IsArticleContent } from '@newsroom/contracts';

/**
 * A reporter submitted one revision of their article for review. `revision` is
 * drafting's number; newer revisions have higher numbers.
 */
export class ReceiveSubmissionCommand extends ArticleRevisionCommand {
  @IsString()
  @IsNotEmpty()
  authorId!: string;

  @IsDate()
  submittedAt!: Date;

  /** The revision's full text, exactly as submitted. */
  @IsArticleContent()
  article!: ArticleContent;

  /** For a sub-edit: the editor reviewing the story who edited its text; absent when its reporter submitted it. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  editedBy?: string;

  /** The id of the event that brought the submission, kept with it to trace where it came from. */
  @IsUUID()
  eventId!: string;
}
