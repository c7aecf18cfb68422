import { Body, Controller, Get, Inject, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@newsroom/auth';
import type { NotificationsConfig } from '../../config/notifications.config';
import { NOTIFICATIONS_CONFIG } from '../../shared/notifications-config.token';
import { SubscribePushCommand } from '../use-cases/subscribe-push/subscribe-push.command';
import { SubscribePushUseCase } from '../use-cases/subscribe-push/subscribe-push.use-case';
import { CreatePushSubscriptionRequest, preferencesOf, PushSubscriptionCreated, VapidPublicKey } from './subscription.requests';

@ApiTags('web push')
@Controller('v1')
export class PushHttpController {
  constructor(
    private readonly subscribePush: SubscribePushUseCase,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  @Public()
  @Get('push/vapid-public-key')
  @ApiOperation({ summary: 'The VAPID public key to pass to PushManager.subscribe() as applicationServerKey' })
  @ApiResponse({ status: 200, type: VapidPublicKey })
  vapidPublicKey(): VapidPublicKey {
    return { publicKey: this.config.vapid.publicKey };
  }

  @Public()
  @Post('push-subscriptions')
  @ApiOperation({
    summary: 'Register a browser push subscription (active at once: the browser permission is the opt-in)',
    description: 'Posting the same endpoint again updates its keys and preferences (200) instead of creating a second one (201).',
  })
  @ApiResponse({ status: 201, type: PushSubscriptionCreated })
  @ApiResponse({ status: 200, type: PushSubscriptionCreated, description: 'Existing endpoint updated' })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED, PUSH.INVALID_ENDPOINT, PUSH.INVALID_KEYS, PUSH.SERVICE_NOT_ALLOWED, SUBSCRIBER.NO_INTERESTS, SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.INVALID_PREFERENCES (a daily digest is e-mail only), SUBSCRIBER.UNKNOWN_TIME_ZONE' })
  async create(@Body() request: CreatePushSubscriptionRequest, @Res({ passthrough: true }) res: Response): Promise<PushSubscriptionCreated> {
    const { endpoint, expirationTime, keys } = request.subscription;
    const result = await this.subscribePush.execute(
      SubscribePushCommand.create({
        endpoint,
        p256dh: keys.p256dh,
        auth: keys.auth,
        expirationTime: typeof expirationTime === 'number' ? new Date(expirationTime) : null,
        preferences: preferencesOf(request),
      }),
    );
    res.status(result.created ? 201 : 200).setHeader('Cache-Control', 'no-store');
    return { id: result.id, managementToken: result.token, preferencesUrl: result.preferencesUrl, unsubscribeUrl: result.unsubscribeUrl };
  }
}
