import { IsISO8601 } from 'class-validator';
import { EditorActionCommand } from '../editor-action.command';

/** An editor moves the time a waiting revision goes live (an ISO 8601 instant). Its embargo stays. */
export class RescheduleArticleCommand extends EditorActionCommand {
  @IsISO8601({ strict: true })
  publishAt!: string;
}
