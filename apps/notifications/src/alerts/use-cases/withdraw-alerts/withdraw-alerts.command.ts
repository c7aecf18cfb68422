import { Type } from 'class-transformer';
import { IsDate, IsUUID } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** An article was unpublished at `withdrawnAt`: alerts not sent yet are not sent. */
export class WithdrawAlertsCommand extends Command {
  @IsUUID()
  articleId!: string;

  @Type(() => Date)
  @IsDate()
  withdrawnAt!: Date;
}
