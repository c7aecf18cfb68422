import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@newsroom/auth';
import type { ErrorResponseBody } from '@newsroom/contracts';
import { SUBSCRIBER_PAGE_HEADERS } from '../../shared/html/page';
import { ConfirmSubscriptionCommand } from '../use-cases/confirm-subscription/confirm-subscription.command';
import { ConfirmSubscriptionUseCase } from '../use-cases/confirm-subscription/confirm-subscription.use-case';
import { ReadRecipientQuery } from '../use-cases/read-recipient/read-recipient.query';
import { SignUpByEmailCommand } from '../use-cases/sign-up-by-email/sign-up-by-email.command';
import { SignUpByEmailUseCase, SignupEmailNotSentError } from '../use-cases/sign-up-by-email/sign-up-by-email.use-case';
import { ConfirmLinkPipe } from './signed-link.pipes';
import { CreateSubscriberRequest, preferencesOf, SubscriberAccepted } from './subscription.requests';
import { confirmedPage, confirmSignupPage } from './subscriber-pages';

const ACCEPTED: SubscriberAccepted = {
  status: 'accepted',
  message: 'Thanks. If this address can get alerts, an email is on its way: follow its link to confirm.',
};

@ApiTags('subscribers')
@Controller('v1/subscribers')
export class SubscribersHttpController {
  constructor(
    private readonly signUp: SignUpByEmailUseCase,
    private readonly confirm: ConfirmSubscriptionUseCase,
    private readonly recipients: ReadRecipientQuery,
  ) {}

  @Public()
  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sign up for email alerts (double opt-in)',
    description:
      'Always 202 with the same body, whether or not the address was known. A new, pending or unsubscribed address gets a ' +
      'confirmation link; an already confirmed address keeps its preferences and gets a link to manage them. At most one ' +
      'such email per address per minute.',
  })
  @ApiResponse({ status: 202, type: SubscriberAccepted })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED, SUBSCRIBER.NO_INTERESTS, SUBSCRIBER.INVALID_PREFERENCES, SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.UNKNOWN_TIME_ZONE' })
  @ApiResponse({ status: 429, description: 'REQUEST.RATE_LIMITED: too many signups from this client or for this address; Retry-After says when to try again' })
  @ApiResponse({ status: 503, description: 'SUBSCRIBER.EMAIL_NOT_SENT: the signup is saved but its email could not be sent; retry' })
  async create(@Body() request: CreateSubscriberRequest, @Res({ passthrough: true }) res: Response): Promise<SubscriberAccepted | ErrorResponseBody> {
    try {
      await this.signUp.execute(SignUpByEmailCommand.create({ email: request.email, preferences: preferencesOf(request) }));
    } catch (error) {
      if (!(error instanceof SignupEmailNotSentError)) throw error;
      res.status(503).setHeader('Retry-After', '60');
      return { error: { code: error.code, message: error.message } };
    }
    return ACCEPTED;
  }

  @Public()
  @Get('confirm')
    @Header('Content-Type', SUBSCRIBER_PAGE_HEADERS['Content-Type'])
  @ApiOperation({
    summary: 'The link in the confirmation email: an HTML page with a button that confirms (POST); opening it changes nothing',
    description: 'Mail gateways and link scanners open links in new mail; a GET that confirmed would confirm addresses whose owners never clicked.',
  })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'The page with the button' })
  @ApiResponse({ status: 400, description: 'LINK.INVALID' })
  @ApiResponse({ status: 404, description: 'SUBSCRIBER.NOT_FOUND' })
  @ApiResponse({ status: 410, description: 'LINK.EXPIRED' })
  async showConfirmation(@Query('token', ConfirmLinkPipe) subscriberId: string, @Query('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const view = await this.recipients.find({ kind: 'email', recipientId: subscriberId });
    res.set(SUBSCRIBER_PAGE_HEADERS);
    return confirmSignupPage(view, token);
  }

  @Public()
  @Post('confirm')
  @HttpCode(200)
    @Header('Content-Type', SUBSCRIBER_PAGE_HEADERS['Content-Type'])
  @ApiOperation({ summary: "Confirm an email signup: the confirmation page's button (no body); an HTML page" })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'Confirmed (or confirmed already)' })
  @ApiResponse({ status: 400, description: 'LINK.INVALID' })
  @ApiResponse({ status: 409, description: 'SUBSCRIBER.UNSUBSCRIBED' })
  @ApiResponse({ status: 410, description: 'LINK.EXPIRED' })
  async confirmSignup(@Query('token', ConfirmLinkPipe) subscriberId: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const outcome = await this.confirm.execute(ConfirmSubscriptionCommand.create({ subscriberId }));
    res.set(SUBSCRIBER_PAGE_HEADERS);
    return confirmedPage(outcome.newlyConfirmed, outcome.preferences, outcome.preferencesUrl);
  }
}
