import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { Command } from '@newsroom/contracts';

export const SEARCH_TEXT_MAX_LENGTH = 200;

/**
 * A reader's search: words as typed into a search box (web search syntax: `"exact phrase"`,
 * `or`, `-excluded`), and which slice of the ranked results to return.
 */
export class SearchArticlesCommand extends Command {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'text is required: say what to search for' })
  @MaxLength(SEARCH_TEXT_MAX_LENGTH)
  text!: string;

  @IsInt()
  @Min(1)
  @Max(100)
  limit!: number;

  @IsInt()
  @Min(0)
  @Max(100_000)
  offset!: number;
}
