import { IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Make the approved revision waiting for this article public, now that its time has come. */
export class GoLiveCommand extends Command {
  @IsUUID()
  articleId!: string;
}
