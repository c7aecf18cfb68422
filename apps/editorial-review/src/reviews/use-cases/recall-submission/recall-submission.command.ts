import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import { ArticleCommand } from '@newsroom/contracts';

/** The reporter takes their story back from the review queue. */
export class RecallSubmissionCommand extends ArticleCommand {
  /** The signed-in reporter's user id; only the story's author may recall it. */
  @IsString()
  @IsNotEmpty()
  reporterId!: string;

  /** Whether the caller reads every review (an editor or an admin): anyone else is told of their own stories only. */
  @IsBoolean()
  readsReviews!: boolean;

  /** The submission the reporter means (revision and time); absent: whatever the queue holds. */
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  submittedAt?: Date;
}
