import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Editors list the stories taken off the site, the latest taken down first, at most `limit` of them from `offset` on. */
export class ListWithdrawnCommand extends Command {
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
