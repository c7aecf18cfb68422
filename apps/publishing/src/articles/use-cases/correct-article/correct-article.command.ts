import { IsInt, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsNotBlank } from '@newsroom/contracts';
import { EditorActionCommand } from '../editor-action.command';

export const CORRECTION_NOTE_MAX_LENGTH = 2000;

/** An editor corrects a live article: a public note, and optionally article fields to replace. */
export class CorrectArticleCommand extends EditorActionCommand {
  /** Shown to readers under the article and on /corrections. */
  @IsString()
  @IsNotBlank()
  @MaxLength(CORRECTION_NOTE_MAX_LENGTH)
  note!: string;

  /** Top-level article fields to replace (`body` and `tags` whole); checked against the article model by the domain. */
  @IsOptional()
  @IsObject()
  changes?: Record<string, unknown>;

  /** The article version the editor corrected from (the request's If-Match); any when absent. */
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
