import { IsISO8601, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { ArticleContent, IsArticleContent } from '../article';
import { ArticleRevisionRef } from './article-revision';

/**
 * One revision of an article sent to review: the reporter submitted it, or the editor reviewing
 * it edited the text under review (a sub-edit, `editedBy`), which drafting saves as a newer
 * revision and sends on as this same event, so that review holds, and approval publishes, the
 * words as edited.
 */
export class ArticleSubmittedData extends ArticleRevisionRef {
  @IsString()
  @IsNotEmpty()
  authorId!: string;

  @IsISO8601({ strict: true })
  submittedAt!: string;

  @IsArticleContent()
  article!: ArticleContent;

  /**
   * For a sub-edit: the editor reviewing the story, who made this revision. Absent when its
   * reporter submitted it (and in every event written before sub-edits existed).
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  editedBy?: string;
}
