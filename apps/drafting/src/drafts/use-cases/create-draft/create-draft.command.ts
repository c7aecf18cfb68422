import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ArticleContent, Command } from '@newsroom/contracts';
import { USER_ID_MAX_LENGTH } from '../actor';

/** A reporter starts a story with a complete article. */
export class CreateDraftCommand extends Command {
  /** The reporter; the only one who may later edit or submit it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(USER_ID_MAX_LENGTH)
  authorId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleContent)
  article!: ArticleContent;
}
