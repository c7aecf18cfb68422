import { IsInt, Max, Min } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Claim the daily digests due now and send up to `batchSize` of those claimed. */
export class SendDigestsCommand extends Command {
  @IsInt()
  @Min(1)
  @Max(10_000)
  batchSize!: number;
}
