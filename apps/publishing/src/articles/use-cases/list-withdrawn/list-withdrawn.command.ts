import { IsInt, Max, Min } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Editors list the stories taken off the site, the latest taken down first, at most `limit` of them. */
export class ListWithdrawnCommand extends Command {
  @IsInt()
  @Min(1)
  @Max(500)
  limit!: number;
}
