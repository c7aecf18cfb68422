import { EditorCommand, EditorNote } from '../editor.command';

/** Any editor leaves a note on an article under review. */
export class CommentOnReviewCommand extends EditorCommand {
  /** The note; the reporter and the other editors see it. */
  @EditorNote()
  body!: string;
}
