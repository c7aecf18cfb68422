import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { Response } from 'express';
import { CurrentUser, Roles, type AuthenticatedUser } from '@newsroom/auth';
import { CORRECTABLE_FIELDS, DomainError, IsIntegerParam, withIsoDates, type CorrectableField } from '@newsroom/contracts';
import { ParseArticleIdPipe } from '@newsroom/platform';
import { CancelScheduleCommand } from '../../articles/use-cases/cancel-schedule/cancel-schedule.command';
import { CancelScheduleUseCase } from '../../articles/use-cases/cancel-schedule/cancel-schedule.use-case';
import { ListScheduledCommand } from '../../articles/use-cases/list-scheduled/list-scheduled.command';
import { ListScheduledQuery, type ScheduledItem } from '../../articles/use-cases/list-scheduled/list-scheduled.query';
import { ListWithdrawnCommand } from '../../articles/use-cases/list-withdrawn/list-withdrawn.command';
import { ListWithdrawnQuery } from '../../articles/use-cases/list-withdrawn/list-withdrawn.query';
import { RescheduleArticleCommand } from '../../articles/use-cases/reschedule-article/reschedule-article.command';
import { RescheduleArticleUseCase } from '../../articles/use-cases/reschedule-article/reschedule-article.use-case';
import { RescheduleArticleRequest } from './article.requests';

/** A page of an editors' list (the schedule, the stories taken off the site): `limit` items from `offset` on. */
export class ListPageRequest {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @IsIntegerParam({ min: 1, max: 500 })
  limit = 100;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 100_000, default: 0 })
  @IsOptional()
  @IsIntegerParam({ min: 0, max: 100_000 })
  offset = 0;
}

export class ScheduledCorrectionsView {
  @ApiProperty({ enum: CORRECTABLE_FIELDS, isArray: true, description: 'Corrected fields the revision takes as it goes live' }) carried!: CorrectableField[];
  @ApiProperty({ enum: CORRECTABLE_FIELDS, isArray: true, description: 'Corrected fields the revision rewrote itself: they go live in its words, without the correction' })
  notCarried!: CorrectableField[];
}

export class ScheduledItemView {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() headline!: string;
  @ApiProperty() section!: string;
  @ApiProperty({ format: 'date-time', description: 'When it goes live: the later of publishAt and embargoUntil' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'The schedule, which editors may move' }) publishAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'The embargo, which holds whatever the schedule says' }) embargoUntil!: string | null;
  @ApiProperty({ description: 'True for a newer revision of a live story' }) updatesLive!: boolean;
  @ApiProperty({ nullable: true, description: 'The live address of a story being updated' }) slug!: string | null;
  @ApiProperty({
    type: ScheduledCorrectionsView,
    description: 'For an update: what going live does with corrections made to the live text since it was approved (the same answer as POST /v1/articles/:id/correction-carry)',
  })
  corrections!: ScheduledCorrectionsView;
}

export class ScheduledListView {
  @ApiProperty({ type: [ScheduledItemView], description: 'Soonest first' }) items!: ScheduledItemView[];
  @ApiProperty({ description: 'Every revision waiting for its time, beyond this page too' }) total!: number;
}

export class WithdrawnItemView {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ description: 'The headline it had on the site' }) headline!: string;
  @ApiProperty() section!: string;
  @ApiProperty({ nullable: true, description: 'Its address, which answers 410 "withdrawn" until a newer revision brings it back' }) slug!: string | null;
  @ApiProperty({ format: 'date-time' }) withdrawnAt!: string;
  @ApiProperty({ description: 'Why, as the editor wrote it (internal)' }) reason!: string;
  @ApiProperty() editorId!: string;
}

export class WithdrawnListView {
  @ApiProperty({ type: [WithdrawnItemView], description: 'The latest taken down first' }) items!: WithdrawnItemView[];
  @ApiProperty({ description: 'Every story taken off the site, beyond this page too' }) total!: number;
}

export class RescheduleResultView {
  @ApiProperty({ enum: ['scheduled', 'published'] }) outcome!: 'scheduled' | 'published';
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty() revision!: number;
  @ApiPropertyOptional({ format: 'date-time' }) dueAt?: string;
  @ApiPropertyOptional() slug?: string;
}

export class CancelScheduleResultView {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ description: 'The revision that will not go live' }) revision!: number;
  @ApiProperty({ enum: ['published', 'cancelled'], description: '`published`: the live text stays; `cancelled`: the story never went live' }) status!: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt!: string;
}

/**
 * Editors' view of the schedule: what waits to go live, and moving or cancelling it; and of what
 * was taken off the site, which no public list shows.
 */
@ApiTags('schedule')
@ApiBearerAuth()
@Roles('editor')
@Controller('v1')
export class ScheduleApiHttpController {
  constructor(
    private readonly listScheduled: ListScheduledQuery,
    private readonly rescheduleArticle: RescheduleArticleUseCase,
    private readonly cancelSchedule: CancelScheduleUseCase,
    private readonly listWithdrawn: ListWithdrawnQuery,
  ) {}

  /** `?limit=` 1–500 (default 100) and `?offset=` 0–100,000 (else 400 REQUEST.VALIDATION_FAILED). Not cached: editors act on it. */
  @Get('withdrawn')
  @ApiOperation({ summary: 'Stories taken off the site (unpublished), the latest first (editors): still there to kill, or for their reporter to bring back' })
  @ApiResponse({ status: 200, type: WithdrawnListView })
  async withdrawn(@Query() request: ListPageRequest, @Res({ passthrough: true }) res: Response): Promise<WithdrawnListView> {
    const { items, total } = await this.listWithdrawn.execute(ListWithdrawnCommand.create({ limit: request.limit, offset: request.offset }));
    res.setHeader('Cache-Control', 'no-store');
    return { items: items.map((item) => ({ ...item, withdrawnAt: item.withdrawnAt.toISOString() })), total };
  }

  /** `?limit=` 1–500 (default 100) and `?offset=` 0–100,000 (else 400 REQUEST.VALIDATION_FAILED). Not cached: editors act on it. */
  @Get('scheduled')
  @ApiOperation({ summary: 'Revisions waiting for their time, soonest first (editors): new stories and updates of live ones' })
  @ApiResponse({ status: 200, type: ScheduledListView })
  async list(@Query() request: ListPageRequest, @Res({ passthrough: true }) res: Response): Promise<ScheduledListView> {
    const { items, total } = await this.listScheduled.execute(ListScheduledCommand.create({ limit: request.limit, offset: request.offset }));
    res.setHeader('Cache-Control', 'no-store');
    return { items: items.map(toView), total };
  }

  @Post('articles/:id/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the time a waiting revision goes live (editors); an embargo still holds, a time already past publishes now' })
  @ApiResponse({ status: 200, type: RescheduleResultView })
  @ApiResponse({ status: 409, description: 'Nothing is waiting (ARTICLE.NOTHING_SCHEDULED), or the article was killed (ARTICLE.KILLED)' })
  async reschedule(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Body() request: RescheduleArticleRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RescheduleResultView> {
    const result = await this.rescheduleArticle.execute(RescheduleArticleCommand.create({ articleId: id, editorId: user.id, publishAt: request.publishAt }));
    res.setHeader('Cache-Control', 'no-store');
    return result.outcome === 'scheduled'
      ? { outcome: 'scheduled', articleId: result.articleId, revision: result.revision, dueAt: result.dueAt.toISOString() }
      : { outcome: 'published', articleId: result.articleId, revision: result.revision, slug: result.slug };
  }

  @Post('articles/:id/cancel-schedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the revision waiting to go live (editors); a live story keeps its live text' })
  @ApiResponse({ status: 200, type: CancelScheduleResultView })
  @ApiResponse({ status: 409, description: 'Nothing is waiting (ARTICLE.NOTHING_SCHEDULED), or the article was killed (ARTICLE.KILLED)' })
  async cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CancelScheduleResultView> {
    // A cancellation takes no fields (an empty object, or no body): any field is refused, as every other body's unknown fields are.
    const fields = body && typeof body === 'object' ? Object.keys(body) : [];
    if (fields.length > 0) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', `property ${fields[0]} should not exist`, 'validation', fields.map((path) => ({ path, message: `property ${path} should not exist` })));
    }
    const result = await this.cancelSchedule.execute(CancelScheduleCommand.create({ articleId: id, editorId: user.id }));
    res.setHeader('Cache-Control', 'no-store');
    return { articleId: result.articleId, revision: result.revision, status: result.status, cancelledAt: result.at.toISOString() };
  }
}

/** A waiting revision as the query gives it, its times written out; the text stays out of the list. */
function toView(item: ScheduledItem): ScheduledItemView {
  const { content: _content, ...fields } = item;
  return withIsoDates(fields);
}
