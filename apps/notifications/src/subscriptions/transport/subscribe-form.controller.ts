import { Body, Controller, Get, HttpCode, Inject, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@newsroom/auth';
import { SiteSectionList } from '@newsroom/site-sections';
import type { NotificationsConfig } from '../../config/notifications.config';
import { mastheadOf } from '../../shared/html/page';
import { NOTIFICATIONS_CONFIG } from '../../shared/notifications-config.token';
import { SignUpByEmailCommand } from '../use-cases/sign-up-by-email/sign-up-by-email.command';
import { SignUpByEmailUseCase, SignupEmailNotSentError } from '../use-cases/sign-up-by-email/sign-up-by-email.use-case';
import { FormBodyGuard } from './form-body.guard';
import { RefusedFormFilter } from './refused-form.filter';
import { SubscriberPageHeaders } from './subscriber-page.headers';
import { checkYourInboxPage, errorPage, subscribePage } from './subscriber-pages';
import { signupChoiceOfForm, SubscribeForm, wayBack } from './subscription.requests';

/**
 * Email signup for browsers, without JavaScript: the form on the site's article, section and
 * front pages posts here (`application/x-www-form-urlencoded`), and the answer is an HTML page.
 * The same use case, rules and rate limit (`signup`) as `POST /v1/subscribers`, and the same
 * answer for every address, known or not. A refused form comes back as the form, with what was
 * typed and what to fix (RefusedFormFilter); other errors are HTML pages with the code
 * (SubscriberPageFilter), or JSON for clients that ask for it.
 */
@ApiTags('subscriber pages')
@Public()
@Controller('subscribe')
export class SubscribeFormController {
  constructor(
    private readonly signUp: SignUpByEmailUseCase,
    private readonly sections: SiteSectionList,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  @Get()
  @SubscriberPageHeaders()
  @ApiOperation({ summary: 'The signup form as a page of its own (the site embeds the same fields)' })
  @ApiProduces('text/html')
  show(): string {
    return subscribePage(mastheadOf(this.config), this.sections.current(), this.config.siteTimeZone);
  }

  @Post()
  @HttpCode(200)
  @SubscriberPageHeaders()
  @UseFilters(RefusedFormFilter)
  @UseGuards(FormBodyGuard)
  @ApiResponse({ status: 415, description: 'REQUEST.UNSUPPORTED_MEDIA_TYPE: a body that is neither a form (application/x-www-form-urlencoded) nor JSON' })
  @ApiOperation({
    summary: 'Sign up for email alerts from an HTML form (double opt-in)',
    description:
      'Form fields: `email`, `sections` (once per ticked section), `tags` (comma-separated), `frequency` (every-story, breaking-only, daily-digest; ' +
      'or the older `breakingOnly=on`), `timeZone`, `quietHoursStart` and `quietHoursEnd` (HH:MM, both empty for none), `returnTo` (the site page the form was on). ' +
      'Always the same "check your inbox" page; the confirmation link arrives by email.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'Check your inbox (whether or not the address was known)' })
  @ApiResponse({
    status: 400,
    description:
      'REQUEST.VALIDATION_FAILED, SUBSCRIBER.NO_INTERESTS, SUBSCRIBER.INVALID_PREFERENCES, SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.UNKNOWN_TIME_ZONE, SUBSCRIBER.EMAIL_REFUSED (the mail server refused the address for good): ' +
      'the form again, with the values sent and what to fix (the code in small print); coded JSON for Accept: application/json',
  })
  @ApiResponse({ status: 429, description: 'REQUEST.RATE_LIMITED' })
  @ApiResponse({ status: 503, description: 'SUBSCRIBER.EMAIL_NOT_SENT: saved, but the email could not be sent; try again' })
  async submit(@Body() form: SubscribeForm, @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      await this.signUp.execute(SignUpByEmailCommand.create({ email: form.email, preferences: signupChoiceOfForm(form) }));
    } catch (error) {
      if (!(error instanceof SignupEmailNotSentError)) throw error;
      res.status(503).setHeader('Retry-After', '60');
      return errorPage(mastheadOf(this.config), 503, error.code, error.message);
    }
    return checkYourInboxPage(mastheadOf(this.config), wayBack(form.returnTo, this.config.publicSiteUrl));
  }
}
