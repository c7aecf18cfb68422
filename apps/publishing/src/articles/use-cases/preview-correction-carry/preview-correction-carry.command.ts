import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { ArticleCommand, ArticleContent } from '@newsroom/contracts';

/** An editor asks what approving `article`, a newer revision of a live story, would do with the corrections of its live text. */
export class PreviewCorrectionCarryCommand extends ArticleCommand {
  /** The revision's text, as editorial review has it. */
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleContent)
  article!: ArticleContent;
}
