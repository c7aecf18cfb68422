import { IsInt, Max, Min } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Continue the next open fan-out job by one batch of at most `batchSize` recipients. */
export class ExpandFanOutCommand extends Command {
  @IsInt()
  @Min(1)
  @Max(100_000)
  batchSize!: number;
}
