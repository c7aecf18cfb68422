import { IsNotEmpty, IsString } from 'class-validator';
import { ArticleCommand } from '@newsroom/contracts';

/** The reporter takes their story back from the review queue; the article and the reporter say it all. */
export class RecallSubmissionCommand extends ArticleCommand {
  /** The signed-in reporter's user id; only the story's author may recall it. */
  @IsString()
  @IsNotEmpty()
  reporterId!: string;
}
