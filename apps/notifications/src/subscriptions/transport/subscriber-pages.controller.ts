import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@newsroom/auth';
import { SiteSectionList } from '@newsroom/site-sections';
import { SUBSCRIBER_PAGE_HEADERS } from '../../shared/html/page';
import { ManagePreferencesCommand } from '../use-cases/manage-preferences/manage-preferences.command';
import { ManagePreferencesUseCase } from '../use-cases/manage-preferences/manage-preferences.use-case';
import { ReadRecipientQuery } from '../use-cases/read-recipient/read-recipient.query';
import { UnsubscribeCommand } from '../use-cases/unsubscribe/unsubscribe.command';
import { UnsubscribeUseCase } from '../use-cases/unsubscribe/unsubscribe.use-case';
import { ManageLinkPipe, type ManageLink } from './signed-link.pipes';
import { preferencesOfForm, PreferencesForm } from './subscription.requests';
import { preferencesPage, unsubscribeConfirmPage, unsubscribedPage } from './subscriber-pages';

/**
 * The pages behind the links in every alert: plain HTML forms that work without
 * JavaScript. The signed token in the query string is the only credential
 * (ManageLinkPipe checks it); the raw token goes back into the forms' actions.
 */
@ApiTags('subscriber pages')
@Public()
@Controller()
export class SubscriberPagesController {
  constructor(
    private readonly recipients: ReadRecipientQuery,
    private readonly managePreferences: ManagePreferencesUseCase,
    private readonly unsubscribe: UnsubscribeUseCase,
    private readonly sections: SiteSectionList,
  ) {}

  @Get('preferences')
  @Header('Content-Type', SUBSCRIBER_PAGE_HEADERS['Content-Type'])
  @ApiOperation({ summary: 'Preferences page (HTML form) for the recipient a signed manage link belongs to' })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/html')
  @ApiResponse({ status: 400, description: 'LINK.INVALID' })
  @ApiResponse({ status: 410, description: 'LINK.EXPIRED' })
  async showPreferences(@Query('token', ManageLinkPipe) link: ManageLink, @Query('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const view = await this.recipients.find(link);
    res.set(SUBSCRIBER_PAGE_HEADERS);
    return preferencesPage(view, token, this.sections.current());
  }

  @Post('preferences')
  @HttpCode(200)
  @Header('Content-Type', SUBSCRIBER_PAGE_HEADERS['Content-Type'])
  @ApiOperation({ summary: 'Save preferences (form-encoded: one `sections` per ticked section, tags comma-separated, frequency, timeZone, quietHoursStart/quietHoursEnd HH:MM)' })
  @ApiQuery({ name: 'token', required: true })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiProduces('text/html')
  @ApiResponse({ status: 400, description: 'LINK.INVALID, SUBSCRIBER.NO_INTERESTS, SUBSCRIBER.INVALID_PREFERENCES, SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.UNKNOWN_TIME_ZONE' })
  @ApiResponse({ status: 409, description: 'SUBSCRIBER.UNSUBSCRIBED' })
  @ApiResponse({ status: 410, description: 'LINK.EXPIRED' })
  async savePreferences(
    @Query('token', ManageLinkPipe) link: ManageLink,
    @Query('token') token: string,
    @Body() form: PreferencesForm,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const view = await this.managePreferences.execute(ManagePreferencesCommand.create({ ...link, preferences: preferencesOfForm(form) }));
    res.set(SUBSCRIBER_PAGE_HEADERS);
    return preferencesPage(view, token, this.sections.current(), 'Your preferences are saved.');
  }

  @Get('unsubscribe')
  @Header('Content-Type', SUBSCRIBER_PAGE_HEADERS['Content-Type'])
  @ApiOperation({ summary: 'Asks to confirm with a button: link scanners that follow GET links never unsubscribe anyone' })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/html')
  async showUnsubscribe(@Query('token', ManageLinkPipe) link: ManageLink, @Query('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const view = await this.recipients.find(link);
    res.set(SUBSCRIBER_PAGE_HEADERS);
    return unsubscribeConfirmPage(view, token);
  }

  /**
   * RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` here.
   * The body is not read at all, so any encoding (form, multipart, none) works.
   */
  @Post('unsubscribe')
  @HttpCode(200)
  @Header('Content-Type', SUBSCRIBER_PAGE_HEADERS['Content-Type'])
  @ApiOperation({ summary: 'Unsubscribe (RFC 8058 one-click: body List-Unsubscribe=One-Click; idempotent)' })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'Unsubscribed (or already)' })
  @ApiResponse({ status: 400, description: 'LINK.INVALID' })
  @ApiResponse({ status: 410, description: 'LINK.EXPIRED' })
  async confirmUnsubscribe(@Query('token', ManageLinkPipe) link: ManageLink, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { view, changed } = await this.unsubscribe.execute(UnsubscribeCommand.create(link));
    res.set(SUBSCRIBER_PAGE_HEADERS);
    return unsubscribedPage(view, changed);
  }
}
