import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsUUID, ValidateNested } from 'class-validator';
import { ArticleCommand, ArticleCorrectedData } from '@newsroom/contracts';

/**
 * A correction publishing made to the live text (one `news.article.corrected.v1` event), to take
 * into the reporter's draft. The article's id is the draft's id; `correction` is the event's data
 * as the contract has it (the corrected live values, whole, the note and the time, and, in events
 * that carry it, the corrected text).
 */
export class ApplyCorrectionCommand extends ArticleCommand {
  /** The reporting event; the timeline keeps at most one entry per event. */
  @IsUUID()
  eventId!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleCorrectedData)
  correction!: ArticleCorrectedData;
}
