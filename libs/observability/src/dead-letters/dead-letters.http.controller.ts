import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CurrentUser, Roles, type AuthenticatedUser } from '@newsroom/auth';
import { IsIntegerParam } from '@newsroom/contracts';
import { DeadLetterDesk, type DeadLetterDetail, type DeadLetterList, type DeadLetterSummary } from './dead-letter-desk';

export class DeadLetterTopicParams {
  @ApiProperty({ example: 'newsroom.review.article.v1', description: 'The topic the event was consumed from (not the .dlq twin)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(249)
  topic!: string;
}

export class DeadLetterParams extends DeadLetterTopicParams {
  @ApiProperty({ description: 'Partition of the dead-letter topic' })
  @IsIntegerParam({ min: 0, max: 10_000 })
  partition!: number;

  @ApiProperty({ description: 'Offset on the dead-letter topic', example: '12' })
  @Matches(/^\d{1,19}$/, { message: 'offset must be a whole number' })
  offset!: string;
}

export class ReplayAllBody {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Also replay letters that were replayed before' })
  @IsOptional()
  @IsBoolean()
  includeReplayed = false;
}

/**
 * Dead letters of this service's consumer group over HTTP, for editors and admins: the
 * same reads and replays as `npm run dlq`, each replay recorded in `dead_letter_audit`
 * with who and when. Errors: DEAD_LETTER.UNKNOWN_TOPIC and DEAD_LETTER.NOT_FOUND (404),
 * REQUEST.VALIDATION_FAILED (400) for a malformed partition or offset. Runbook:
 * docs/runbooks/replay-dead-letters.md.
 */
@ApiTags('dead letters')
@ApiBearerAuth()
@Roles('editor')
@Controller('v1/dead-letters')
export class DeadLettersHttpController {
  constructor(private readonly desk: DeadLetterDesk) {}

  @Get()
  @ApiOperation({ summary: 'Dead letters of this service, by consumed topic: reason, source offset, event id and type, replays' })
  list(): Promise<DeadLetterList> {
    return this.desk.list();
  }

  @Get(':topic/:partition/:offset')
  @ApiOperation({ summary: 'One dead letter in full: key, headers, the original value and its replays' })
  @ApiResponse({ status: 404, description: 'DEAD_LETTER.UNKNOWN_TOPIC, DEAD_LETTER.NOT_FOUND' })
  inspect(@Param() params: DeadLetterParams): Promise<DeadLetterDetail> {
    return this.desk.inspect(params.topic, params.partition, params.offset);
  }

  @Post(':topic/:partition/:offset/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sends one dead letter back to its topic, unchanged (consumers apply an event at most once)' })
  @ApiResponse({ status: 202, description: 'Sent; the answer lists the letter with its replays' })
  @ApiResponse({ status: 403, description: "DEAD_LETTER.REPLAY_NOT_ALLOWED: on a secured cluster only a topic's producer may write it; an operator replays with npm run dlq" })
  @ApiResponse({ status: 404, description: 'DEAD_LETTER.UNKNOWN_TOPIC, DEAD_LETTER.NOT_FOUND' })
  async replayOne(@Param() params: DeadLetterParams, @CurrentUser() user: AuthenticatedUser): Promise<{ replayed: DeadLetterSummary[] }> {
    return { replayed: [await this.desk.replayOne(params.topic, params.partition, params.offset, user.id)] };
  }

  @Post(':topic/replay')
  @HttpCode(202)
  @ApiOperation({ summary: "Replays this service's dead letters of a topic in offset order; by default those not replayed before" })
  @ApiResponse({ status: 403, description: "DEAD_LETTER.REPLAY_NOT_ALLOWED: on a secured cluster only a topic's producer may write it; an operator replays with npm run dlq" })
  @ApiResponse({ status: 404, description: 'DEAD_LETTER.UNKNOWN_TOPIC' })
  replayAll(@Param() params: DeadLetterTopicParams, @Body() body: ReplayAllBody, @CurrentUser() user: AuthenticatedUser): Promise<{ replayed: DeadLetterSummary[]; skipped: number }> {
    return this.desk.replayAll(params.topic, user.id, body.includeReplayed);
  }
}
