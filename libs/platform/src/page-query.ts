import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIntegerParam } from '@newsroom/contracts';

/** The largest `offset` a list accepts: deep enough for any editor's list, small enough for SQL. */
export const MAX_PAGE_OFFSET = 100_000;

/** `?limit=&offset=` for every list endpoint: at most 100 items a page. */
export class PageQuery {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @IsIntegerParam({ min: 1, max: 100 })
  limit = 20;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: MAX_PAGE_OFFSET, default: 0 })
  @IsOptional()
  @IsIntegerParam({ min: 0, max: MAX_PAGE_OFFSET })
  offset = 0;
}
