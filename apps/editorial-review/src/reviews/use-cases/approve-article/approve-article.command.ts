import { IsDate, IsIn, IsOptional } from 'class-validator';
import { PRIORITIES, type Priority } from '@newsroom/contracts';
import { ReviewerCommand } from '../editor.command';

/** The reviewing editor approves the revision under review, with its publishing terms. */
export class ApproveArticleCommand extends ReviewerCommand {
  /** Publish no earlier than this instant; absent: as soon as publishing can. */
  @IsOptional()
  @IsDate()
  publishAt?: Date;

  /** Not public before this instant; publishing honours the later of the two. */
  @IsOptional()
  @IsDate()
  embargoUntil?: Date;

  /** `breaking` alerts breaking-news subscribers too. */
  @IsIn(PRIORITIES)
  priority!: Priority;
}
