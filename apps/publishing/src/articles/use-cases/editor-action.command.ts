import { IsNotEmpty, IsString } from 'class-validator';
import { ArticleCommand } from '@newsroom/contracts';

/** What every editor's action on a live article names: the article (`articleId`), and the editor who acts. */
export abstract class EditorActionCommand extends ArticleCommand {
  /** The editor's user id (the token's subject); kept with the change and sent in its event. */
  @IsString()
  @IsNotEmpty()
  editorId!: string;
}
