import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { ArticleContent, Command, PRIORITIES, type Priority } from '@newsroom/contracts';

/**
 * Publish a revision an editor approved: exactly this content, at once or at the later of
 * `publishAt` and `embargoUntil` (ISO 8601 instants). The author and editor ids are checked
 * against each other before anything goes live.
 */
export class PublishApprovedArticleCommand extends Command {
  @IsUUID()
  articleId!: string;

  /** Drafting's revision number; only a newer one than any accepted counts. */
  @IsInt()
  @Min(1)
  revision!: number;

  @IsString()
  @IsNotEmpty()
  authorId!: string;

  @IsString()
  @IsNotEmpty()
  editorId!: string;

  @IsISO8601({ strict: true })
  approvedAt!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  publishAt?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  embargoUntil?: string;

  @IsIn(PRIORITIES)
  priority!: Priority;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleContent)
  article!: ArticleContent;
}
