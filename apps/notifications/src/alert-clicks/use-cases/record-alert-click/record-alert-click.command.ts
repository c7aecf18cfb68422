import { IsIn, IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** A reader opened an alert: which story's, through which channel. */
export class RecordAlertClickCommand extends Command {
  @IsUUID()
  articleId!: string;

  @IsIn(['push', 'email'])
  channel!: 'push' | 'email';
}
