import { IsNotEmpty, IsString, IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** What every editor's action on a live article names: the article, and the editor who acts. */
export abstract class EditorActionCommand extends Command {
  @IsUUID()
  articleId!: string;

  /** The editor's user id (the token's subject); kept with the change and sent in its event. */
  @IsString()
  @IsNotEmpty()
  editorId!: string;
}
