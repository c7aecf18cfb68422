import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@newsroom/auth';
import type { ErrorResponseBody } from '@newsroom/contracts';
import { SignUpByEmailCommand } from '../use-cases/sign-up-by-email/sign-up-by-email.command';
import { SignUpByEmailUseCase, SignupEmailNotSentError } from '../use-cases/sign-up-by-email/sign-up-by-email.use-case';
import { CreateSubscriberRequest, preferencesOf, SubscriberAccepted } from './subscription.requests';

const ACCEPTED: SubscriberAccepted = {
  status: 'accepted',
  message: 'Thanks. If this address can get alerts, an email is on its way: follow its link to confirm.',
};

@ApiTags('subscribers')
@Controller('v1/subscribers')
export class SubscribersHttpController {
  constructor(
    private readonly signUp: SignUpByEmailUseCase,
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
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED, SUBSCRIBER.NO_INTERESTS, SUBSCRIBER.INVALID_PREFERENCES, SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.UNKNOWN_TIME_ZONE, SUBSCRIBER.EMAIL_REFUSED (the mail server refused the address for good)' })
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
}
