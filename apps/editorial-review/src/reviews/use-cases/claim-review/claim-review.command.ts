import { IsBoolean } from 'class-validator';
import { ReviewerCommand } from '../editor.command';

/** An editor takes an article off the queue to review it, or over from the editor who holds it. */
export class ClaimReviewCommand extends ReviewerCommand {
  /** Take the story from the editor who holds it, rather than be refused. */
  @IsBoolean()
  takeOver!: boolean;
}
