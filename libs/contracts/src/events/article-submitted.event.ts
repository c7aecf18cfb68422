import { IsISO8601, IsNotEmpty, IsString } from 'class-validator';
import { ArticleContent, IsArticleContent } from '../article';
import { ArticleRevisionRef } from './article-revision';

/** A reporter submitted one revision of their draft for review. */
export class ArticleSubmittedData extends ArticleRevisionRef {
  @IsString()
  @IsNotEmpty()
  authorId!: string;

  @IsISO8601({ strict: true })
  submittedAt!: string;

  @IsArticleContent()
  article!: ArticleContent;
}
