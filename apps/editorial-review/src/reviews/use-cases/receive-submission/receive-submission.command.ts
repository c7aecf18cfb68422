import { Type } from 'class-transformer';
import { IsDate, IsDefined, IsInt, IsNotEmpty, IsObject, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { ArticleContent, Command } from '@newsroom/contracts';

/** A reporter submitted one revision of their article for review. */
export class ReceiveSubmissionCommand extends Command {
  @IsUUID()
  articleId!: string;

  /** Drafting's revision number; newer revisions have higher numbers. */
  @IsInt()
  @Min(1)
  revision!: number;

  @IsString()
  @IsNotEmpty()
  authorId!: string;

  @IsDate()
  submittedAt!: Date;

  /** The revision's full text, exactly as submitted. */
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleContent)
  article!: ArticleContent;

  /** The id of the event that brought the submission, kept with it to trace where it came from. */
  @IsUUID()
  eventId!: string;
}
