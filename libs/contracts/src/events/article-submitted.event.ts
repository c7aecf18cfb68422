import { Type } from 'class-transformer';
import { IsDefined, IsISO8601, IsNotEmpty, IsObject, IsString, ValidateNested } from 'class-validator';
import { ArticleContent } from '../article';
import { ArticleRevisionRef } from './article-revision';

/** A reporter submitted one revision of their draft for review. */
export class ArticleSubmittedData extends ArticleRevisionRef {
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
