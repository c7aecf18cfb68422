import { Type } from 'class-transformer';
import { IsDate } from 'class-validator';
import { ArticleCommand } from '@newsroom/contracts';

/** An article was unpublished at `withdrawnAt`: alerts not sent yet are not sent. */
export class WithdrawAlertsCommand extends ArticleCommand {
  @Type(() => Date)
  @IsDate()
  withdrawnAt!: Date;
}
