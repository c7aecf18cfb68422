import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Command } from '@newsroom/contracts';

export const WITHDRAWAL_REASON_MAX_LENGTH = 2000;

/** An editor withdraws a live article. The reason stays internal (it travels in the event). */
export class UnpublishArticleCommand extends Command {
  @IsUUID()
  articleId!: string;

  @IsString()
  @IsNotEmpty()
  editorId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(WITHDRAWAL_REASON_MAX_LENGTH)
  reason!: string;
}
