import { IsString, MaxLength } from 'class-validator';
import { IsNotBlank } from '@newsroom/contracts';
import { EditorActionCommand } from '../editor-action.command';

export const WITHDRAWAL_REASON_MAX_LENGTH = 2000;

/** An editor withdraws a live article. The reason stays internal (it travels in the event). */
export class UnpublishArticleCommand extends EditorActionCommand {
  @IsString()
  @IsNotBlank()
  @MaxLength(WITHDRAWAL_REASON_MAX_LENGTH)
  reason!: string;
}
