import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { Public, Roles } from '@newsroom/auth';
import { AlertClicksView, ReadAlertClicksQuery } from '../use-cases/read-alert-clicks/read-alert-clicks.query';
import { RecordAlertClickCommand } from '../use-cases/record-alert-click/record-alert-click.command';
import { RecordAlertClickUseCase } from '../use-cases/record-alert-click/record-alert-click.use-case';

export class AlertClickRequest {
  @ApiProperty({ format: 'uuid', description: "The alert's article (the push payload's `tag`)" })
  @IsUUID('all', { message: 'articleId must be an article id (a UUID)' })
  articleId!: string;

  @ApiProperty({ enum: ['push'], description: 'Only push notifications are counted: e-mail alerts link straight to the story' })
  @IsIn(['push'], { message: 'channel must be "push": only push notifications are counted (e-mail alerts link straight to the story)' })
  channel!: 'push';
}

export class AlertClicksRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'articleId must be an article id (a UUID)' })
  articleId!: string;
}

@ApiTags('alert clicks')
@Controller('v1/alert-clicks')
export class AlertClicksHttpController {
  constructor(
    private readonly record: RecordAlertClickUseCase,
    private readonly read: ReadAlertClicksQuery,
  ) {}

  /** Called by the site's service worker when a reader opens a push notification (CORS: the site's origin only). */
  @Public()
  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Count one click-through on an alert (anonymous; always 204, known article or not)' })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED' })
  @ApiResponse({ status: 429, description: 'REQUEST.RATE_LIMITED' })
  async click(@Body() request: AlertClickRequest): Promise<void> {
    await this.record.execute(RecordAlertClickCommand.create({ articleId: request.articleId, channel: request.channel }));
  }

  @Get()
  @ApiBearerAuth()
  @Roles('editor')
  @ApiOperation({ summary: "An alert's click-throughs per channel (editors)" })
  @ApiResponse({ status: 200, type: AlertClicksView })
  clicks(@Query() query: AlertClicksRequest): Promise<AlertClicksView> {
    return this.read.forArticle(query.articleId.toLowerCase());
  }
}
