import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@newsroom/auth';
import { SiteSectionList } from '@newsroom/site-sections';
import type { NotificationsConfig } from '../../config/notifications.config';
import { mastheadOf, type Masthead } from '../../shared/html/page';
import { NOTIFICATIONS_CONFIG } from '../../shared/notifications-config.token';
import { ConfirmSubscriptionCommand } from '../use-cases/confirm-subscription/confirm-subscription.command';
import { ConfirmSubscriptionUseCase } from '../use-cases/confirm-subscription/confirm-subscription.use-case';
import { ManagePreferencesCommand } from '../use-cases/manage-preferences/manage-preferences.command';
import { ManagePreferencesUseCase } from '../use-cases/manage-preferences/manage-preferences.use-case';
import { ReadRecipientQuery } from '../use-cases/read-recipient/read-recipient.query';
import { UnsubscribeCommand } from '../use-cases/unsubscribe/unsubscribe.command';
import { UnsubscribeUseCase } from '../use-cases/unsubscribe/unsubscribe.use-case';
import { ConfirmLinkPipe, ManageLinkPipe, type ManageLink } from './signed-link.pipes';
import { FormBodyGuard } from './form-body.guard';
import { RefusedFormFilter } from './refused-form.filter';
import { preferencesOfForm, PreferencesForm } from './subscription.requests';
import { SubscriberPageHeaders } from './subscriber-page.headers';
import { confirmedPage, confirmSignupPage, preferencesPage, unsubscribeConfirmPage, unsubscribedPage } from './subscriber-pages';

/** What every page behind a signed link is: HTML, its token in the query, 410 once the link expired. */
function SignedLinkPage(): MethodDecorator {
  return applyDecorators(
    SubscriberPageHeaders(),
    ApiQuery({ name: 'token', required: true }),
    ApiProduces('text/html'),
    ApiResponse({ status: 410, description: 'LINK.EXPIRED' }),
  );
}

/**
 * The pages behind the links in every e-mail: plain HTML forms that work without
 * JavaScript. The signed token in the query string is the only credential
 * (ManageLinkPipe and ConfirmLinkPipe check it); the raw token goes back into the
 * forms' actions. A link only ever shows a page; its button changes something, for
 * mail gateways and link scanners open the links in new mail.
 */
@ApiTags('subscriber pages')
@Public()
@Controller()
export class SubscriberPagesController {
  constructor(
    private readonly recipients: ReadRecipientQuery,
    private readonly confirm: ConfirmSubscriptionUseCase,
    private readonly managePreferences: ManagePreferencesUseCase,
    private readonly unsubscribe: UnsubscribeUseCase,
    private readonly sections: SiteSectionList,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  private get masthead(): Masthead {
    return mastheadOf(this.config);
  }

  @Get('v1/subscribers/confirm')
  @SignedLinkPage()
  @ApiOperation({
    summary: 'The link in the confirmation email: an HTML page with a button that confirms (POST); opening it changes nothing',
    description: 'Mail gateways and link scanners open links in new mail; a GET that confirmed would confirm addresses whose owners never clicked.',
  })
  @ApiResponse({ status: 200, description: 'The page with the button' })
  @ApiResponse({ status: 400, description: 'LINK.INVALID' })
  @ApiResponse({ status: 404, description: 'SUBSCRIBER.NOT_FOUND' })
  async showConfirmation(@Query('token', ConfirmLinkPipe) subscriberId: string, @Query('token') token: string): Promise<string> {
    const view = await this.recipients.find({ kind: 'email', recipientId: subscriberId });
    return confirmSignupPage(this.masthead, view, token, (slug) => this.sections.labelOf(slug), await this.recipients.namesOfTags(view.preferences.tags));
  }

  @Post('v1/subscribers/confirm')
  @HttpCode(200)
  @SignedLinkPage()
  @ApiOperation({ summary: "Confirm an email signup: the confirmation page's button (no body); an HTML page" })
  @ApiResponse({ status: 200, description: 'Confirmed (or confirmed already)' })
  @ApiResponse({ status: 400, description: 'LINK.INVALID' })
  @ApiResponse({ status: 409, description: 'SUBSCRIBER.UNSUBSCRIBED' })
  async confirmSignup(@Query('token', ConfirmLinkPipe) subscriberId: string): Promise<string> {
    const outcome = await this.confirm.execute(ConfirmSubscriptionCommand.create({ subscriberId }));
    const tagNames = await this.recipients.namesOfTags(outcome.preferences.tags);
    return confirmedPage(this.masthead, outcome.newlyConfirmed, outcome.preferences, outcome.preferencesUrl, (slug) => this.sections.labelOf(slug), tagNames);
  }

  @Get('preferences')
  @SignedLinkPage()
  @ApiOperation({ summary: 'Preferences page (HTML form) for the recipient a signed manage link belongs to' })
  @ApiResponse({ status: 400, description: 'LINK.INVALID' })
  async showPreferences(@Query('token', ManageLinkPipe) link: ManageLink, @Query('token') token: string): Promise<string> {
    const view = await this.recipients.find(link);
    return preferencesPage(this.masthead, view, token, this.sections.current(), { tagNames: await this.recipients.namesOfTags(view.preferences.tags) });
  }

  @Post('preferences')
  @HttpCode(200)
  @SignedLinkPage()
  // A refused form comes back as the form with the reader's changes and what to fix; a bad link keeps its error page.
  @UseFilters(RefusedFormFilter)
  @UseGuards(FormBodyGuard)
  @ApiResponse({ status: 415, description: 'REQUEST.UNSUPPORTED_MEDIA_TYPE: a body that is neither a form (application/x-www-form-urlencoded) nor JSON' })
  @ApiOperation({ summary: 'Save preferences (form-encoded: one `sections` per ticked section, tags comma-separated, frequency, timeZone, quietHoursStart/quietHoursEnd HH:MM)' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiResponse({
    status: 400,
    description:
      'LINK.INVALID (an error page); REQUEST.VALIDATION_FAILED, SUBSCRIBER.NO_INTERESTS, SUBSCRIBER.INVALID_PREFERENCES, SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.UNKNOWN_TIME_ZONE: ' +
      'the form again, with the changes sent and what to fix, nothing saved; coded JSON for Accept: application/json',
  })
  @ApiResponse({ status: 409, description: 'SUBSCRIBER.UNSUBSCRIBED' })
  async savePreferences(
    @Query('token', ManageLinkPipe) link: ManageLink,
    @Query('token') token: string,
    @Body() form: PreferencesForm,
  ): Promise<string> {
    const view = await this.managePreferences.execute(ManagePreferencesCommand.create({ ...link, preferences: preferencesOfForm(form) }));
    return preferencesPage(this.masthead, view, token, this.sections.current(), { notice: 'Your preferences are saved.', tagNames: await this.recipients.namesOfTags(view.preferences.tags) });
  }

  @Get('unsubscribe')
  @SignedLinkPage()
  @ApiOperation({ summary: 'Asks to confirm with a button: link scanners that follow GET links never unsubscribe anyone' })
  async showUnsubscribe(@Query('token', ManageLinkPipe) link: ManageLink, @Query('token') token: string): Promise<string> {
    const view = await this.recipients.find(link);
    return unsubscribeConfirmPage(this.masthead, view, token);
  }

  /**
   * RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` here.
   * The body is not read at all, so any encoding (form, multipart, none) works.
   */
  @Post('unsubscribe')
  @HttpCode(200)
  @SignedLinkPage()
  @ApiOperation({ summary: 'Unsubscribe (RFC 8058 one-click: body List-Unsubscribe=One-Click; idempotent)' })
  @ApiResponse({ status: 200, description: 'Unsubscribed (or already)' })
  @ApiResponse({ status: 400, description: 'LINK.INVALID' })
  async confirmUnsubscribe(@Query('token', ManageLinkPipe) link: ManageLink): Promise<string> {
    const { view, changed } = await this.unsubscribe.execute(UnsubscribeCommand.create(link));
    return unsubscribedPage(this.masthead, view, changed);
  }
}
