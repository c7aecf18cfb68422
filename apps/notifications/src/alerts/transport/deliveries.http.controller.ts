import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Roles } from '@newsroom/auth';
import { IsIntegerParam } from '@newsroom/contracts';
import { MAX_PAGE_OFFSET } from '@newsroom/platform';
import { ArticleDeliveries } from '../use-cases/read-deliveries/delivery.views';
import { ReadDeliveriesQuery } from '../use-cases/read-deliveries/read-deliveries.query';

export class DeliveriesQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'articleId must be an article id (a UUID)' })
  articleId!: string;

  @ApiPropertyOptional({ default: 1000, minimum: 1, maximum: 5000 })
  @IsOptional()
  @IsIntegerParam({ min: 1, max: 5000 })
  limit = 1000;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_PAGE_OFFSET })
  @IsOptional()
  @IsIntegerParam({ min: 0, max: MAX_PAGE_OFFSET })
  offset = 0;
}

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('v1/deliveries')
export class DeliveriesHttpController {
  constructor(private readonly read: ReadDeliveriesQuery) {}

  @Get()
  @Roles('editor')
  @ApiOperation({
    summary: "An article's alert deliveries: recipient (masked), channel, status, every attempt; counts by status (editors)",
    description:
      '`speed` gives per channel the p50/p90/p99 seconds from publication to hand-off to the SMTP server or push service ' +
      '(percentile_cont over the deliveries sent) and the share of all deliveries handed off within 2 minutes.',
  })
  @ApiResponse({ status: 200, type: ArticleDeliveries })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED (articleId missing or not a UUID)' })
  list(@Query() query: DeliveriesQuery): Promise<ArticleDeliveries> {
    return this.read.forArticle(query.articleId.toLowerCase(), query.limit, query.offset);
  }
}
