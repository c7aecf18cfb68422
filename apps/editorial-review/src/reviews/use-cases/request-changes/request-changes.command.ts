import { EditorNote, ReviewerCommand } from '../editor.command';

/** The reviewing editor sends the article back to its reporter, saying what to change. */
export class RequestChangesCommand extends ReviewerCommand {
  /** The reporter sees it on their draft. */
  @EditorNote()
  note!: string;
}
