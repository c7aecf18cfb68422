import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsISO8601, IsNotEmpty, IsObject, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { ArticleContent } from '../article';

/** A reporter submitted one revision of their draft for review. */
export class ArticleSubmittedData {
  @IsUUID()
  articleId!: string;

  /** The revision number in drafting; review and publishing refer to it. */
  @IsInt()
  @Min(1)
  revision!: number;

  @IsString()
  @IsNotEmpty()
  authorId!: string;

  @IsISO8601({ strict: true })
  submittedAt!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleContent)
  article!: ArticleContent;
}
