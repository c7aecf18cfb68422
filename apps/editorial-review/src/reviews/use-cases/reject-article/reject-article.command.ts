import { EditorNote, ReviewerCommand } from '../editor.command';

/** The reviewing editor turns the article down for good. */
export class RejectArticleCommand extends ReviewerCommand {
  /** Why the article will not run; the reporter sees it. */
  @EditorNote()
  reason!: string;
}
