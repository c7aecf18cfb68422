import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EditorActionCommand } from '../editor-action.command';

export const KILL_REASON_MAX_LENGTH = 2000;

/** An editor kills an article: a legal removal. The reason is kept internally, never served or sent. */
export class KillArticleCommand extends EditorActionCommand {
  @IsString()
  @IsNotEmpty()
  @MaxLength(KILL_REASON_MAX_LENGTH)
  reason!: string;
}
