import { IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '@newsroom/contracts';
import { EditorActionCommand } from '../editor-action.command';

export const KILL_REASON_MAX_LENGTH = 2000;

/** An editor kills an article: a legal removal. The reason is kept internally, never served or sent. */
export class KillArticleCommand extends EditorActionCommand {
  @IsString()
  @IsNotBlank()
  @MaxLength(KILL_REASON_MAX_LENGTH)
  reason!: string;
}
