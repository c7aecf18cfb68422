import { Type } from 'class-transformer';
import { IsDate } from 'class-validator';
import { AlertContentCommand } from '../alert-content.command';

/** An article went live (the `published` event): alert whoever follows it, once. */
export class FanOutAlertsCommand extends AlertContentCommand {
  @Type(() => Date)
  @IsDate()
  publishedAt!: Date;
}
