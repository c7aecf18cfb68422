import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Editors list what waits to go live, soonest first, at most `limit` of them from `offset` on. */
export class ListScheduledCommand extends Command {
  @IsInt()
  @Min(1)
  @Max(500)
  limit!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;
}
