import { Type } from 'class-transformer';
import { IsDate, IsIn } from 'class-validator';
import { ArticleCommand } from '@newsroom/contracts';

/**
 * How a story left the site: an editor unpublished it, or killed it (a legal removal, final).
 * Both stop its alerts the same way; the delivery log says which.
 */
export const REMOVALS = ['unpublished', 'killed'] as const;
export type Removal = (typeof REMOVALS)[number];

/** An article was unpublished or killed at `withdrawnAt`: alerts not sent yet are not sent. */
export class WithdrawAlertsCommand extends ArticleCommand {
  @Type(() => Date)
  @IsDate()
  withdrawnAt!: Date;

  @IsIn(REMOVALS)
  removal!: Removal;
}
