import { IsInt, Max, Min } from 'class-validator';
import { Command } from '@newsroom/contracts';

/** Publish the articles whose scheduled time has come, at most `limit` of them in this call. */
export class PublishDueArticlesCommand extends Command {
  @IsInt()
  @Min(1)
  @Max(1000)
  limit!: number;
}
