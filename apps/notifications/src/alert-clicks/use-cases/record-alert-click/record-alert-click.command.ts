import { IsIn, IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';

/**
 * A reader opened an alert: which story's, through which channel. Only push notifications are
 * counted (the site's service worker reports them); e-mail alerts link straight to the story, so
 * nothing could report a real e-mail click, and one claimed would only be made up.
 */
export class RecordAlertClickCommand extends Command {
  @IsUUID()
  articleId!: string;

  @IsIn(['push'])
  channel!: 'push';
}
