import { IsInt, Max, Min } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Editors list what waits to go live, soonest first, at most `limit` of them. */
export class ListScheduledCommand extends Command {
  @IsInt()
  @Min(1)
  @Max(500)
  limit!: number;
}
