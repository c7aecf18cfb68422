import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { Roles } from '@newsroom/auth';
import { IsIntegerParam } from '@newsroom/contracts';
import { MAX_PAGE_OFFSET } from '@newsroom/platform';
import { EraseSubscriberCommand } from '../use-cases/erase-subscriber/erase-subscriber.command';
import { EraseSubscriberUseCase } from '../use-cases/erase-subscriber/erase-subscriber.use-case';
import { SearchSubscribersQuery, type SubscriberRecord } from '../use-cases/search-subscribers/search-subscribers.query';
import { SUBSCRIBER_CSV_HEADER, subscriberCsvLine } from './subscriber-csv';

export class SubscriberSearchRequest {
  @ApiProperty({ description: 'Any part of the address, case ignored', example: 'example.com' })
  @IsString()
  @MaxLength(254)
  q!: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @IsIntegerParam({ min: 1, max: 500 })
  limit = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_PAGE_OFFSET })
  @IsOptional()
  @IsIntegerParam({ min: 0, max: MAX_PAGE_OFFSET })
  offset = 0;
}

const EXPORT_PAGE = 1000;

/**
 * Subscriber administration for editors (admins pass): find a reader by address, export the
 * list, erase a reader's data on request. The full address is shown here and only here: these
 * routes need the editor role, and every call is in the access log with the editor's id.
 */
@ApiTags('subscriber administration')
@ApiBearerAuth()
@Roles('editor')
@Controller('v1/subscribers')
export class SubscriberAdminHttpController {
  constructor(
    private readonly subscribers: SearchSubscribersQuery,
    private readonly erase: EraseSubscriberUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Email subscribers whose address contains `q`, newest first (erased ones never)' })
  @ApiResponse({ status: 200, description: '{ total, subscribers: [{ id, email, status, sections, tags, frequency, breakingOnly, timeZone, quietHours: {start, end} | null, createdAt, confirmedAt, unsubscribedAt, bounced, bouncedAt, bounceCode }], limit, offset }; `bounced` is true for an address the mail server refused for good (SMTP 5xx), which gets no mail until its owner signs up and confirms again' })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED' })
  async search(@Query() request: SubscriberSearchRequest): Promise<{ total: number; subscribers: SubscriberRecord[]; limit: number; offset: number }> {
    return { ...(await this.subscribers.search(request.q, request.limit, request.offset)), limit: request.limit, offset: request.offset };
  }

  @Get('export.csv')
  @ApiOperation({ summary: 'Every email subscriber as CSV (RFC 4180, UTF-8; formula-like fields start with an apostrophe)' })
  @ApiProduces('text/csv')
  async export(@Res() res: Response): Promise<void> {
    res.status(200).set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="subscribers.csv"', 'Cache-Control': 'no-store' });
    res.write(SUBSCRIBER_CSV_HEADER);
    for (let after: string | null = null; ; ) {
      const page = await this.subscribers.page(after, EXPORT_PAGE);
      res.write(page.map(subscriberCsvLine).join(''));
      if (page.length < EXPORT_PAGE) break;
      after = page[page.length - 1].id;
    }
    res.end();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Erase a subscriber's personal data on request; the delivery counts stay" })
  @ApiResponse({ status: 204, description: 'Erased (or erased already)' })
  @ApiResponse({ status: 404, description: 'SUBSCRIBER.NOT_FOUND' })
  async eraseSubscriber(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.erase.execute(EraseSubscriberCommand.create({ subscriberId: id }));
  }
}
