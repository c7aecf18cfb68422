import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@newsroom/auth';
import type { NotificationsConfig } from '../../config/notifications.config';
import type { ManagementLinks } from '../../shared/links/subscriber-links';
import { NOTIFICATIONS_CONFIG } from '../../shared/notifications-config.token';
import { SubscribePushCommand } from '../use-cases/subscribe-push/subscribe-push.command';
import { SubscribePushUseCase } from '../use-cases/subscribe-push/subscribe-push.use-case';
import { ReplacePushEndpointCommand } from '../use-cases/replace-push-endpoint/replace-push-endpoint.command';
import { ReplacePushEndpointUseCase } from '../use-cases/replace-push-endpoint/replace-push-endpoint.use-case';
import { CheckPushSubscriptionQuery } from '../use-cases/check-push-subscription/check-push-subscription.query';
import {
  CheckPushSubscriptionRequest,
  CreatePushSubscriptionRequest,
  preferencesOf,
  PushSubscriptionCreated,
  PushSubscriptionJson,
  PushSubscriptionReplaced,
  PushSubscriptionStatusBody,
  ReplacePushSubscriptionRequest,
  VapidPublicKey,
} from './subscription.requests';

@ApiTags('web push')
@Controller('v1')
export class PushHttpController {
  constructor(
    private readonly subscribePush: SubscribePushUseCase,
    private readonly replacePushEndpoint: ReplacePushEndpointUseCase,
    private readonly checkPushSubscription: CheckPushSubscriptionQuery,
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
    description:
      'Posting the same endpoint again with the same auth secret (the browser holding it) updates its preferences (200) instead of creating ' +
      'a second one (201); with another auth secret it is refused (409), so nobody who learnt an endpoint can take its alerts over.',
  })
  @ApiResponse({ status: 201, type: PushSubscriptionCreated })
  @ApiResponse({ status: 200, type: PushSubscriptionCreated, description: 'Existing endpoint updated' })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED, PUSH.INVALID_ENDPOINT, PUSH.INVALID_KEYS, PUSH.SERVICE_NOT_ALLOWED, SUBSCRIBER.NO_INTERESTS, SUBSCRIBER.UNKNOWN_SECTION, SUBSCRIBER.INVALID_PREFERENCES (a daily digest is e-mail only), SUBSCRIBER.UNKNOWN_TIME_ZONE' })
  @ApiResponse({ status: 409, description: 'PUSH.ENDPOINT_IN_USE: the endpoint is subscribed with another auth secret' })
  async create(@Body() request: CreatePushSubscriptionRequest, @Res({ passthrough: true }) res: Response): Promise<PushSubscriptionCreated> {
    const result = await this.subscribePush.execute(SubscribePushCommand.create({ ...browserFieldsOf(request.subscription), preferences: preferencesOf(request) }));
    res.status(result.created ? 201 : 200).setHeader('Cache-Control', 'no-store');
    return createdBody(result);
  }

  @Public()
  @Post('push-subscriptions/replacements')
  @HttpCode(200)
  @ApiOperation({
    summary: "A browser's push subscription was replaced: move its preferences and links to the new one",
    description:
      "Sent by the site's service worker on `pushsubscriptionchange` (a push service rotated the endpoint) and by the page when the browser " +
      'holds another subscription than the one it registered. The old subscription is proved by its auth secret. A browser that already ' +
      'holds the new subscription here (the same report again, or one after a replacement the page never saw) is answered `already`.',
  })
  @ApiResponse({ status: 200, type: PushSubscriptionReplaced })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED, PUSH.INVALID_ENDPOINT, PUSH.INVALID_KEYS, PUSH.SERVICE_NOT_ALLOWED (the new subscription)' })
  @ApiResponse({ status: 404, description: 'PUSH.UNKNOWN_SUBSCRIPTION: no subscription at the old endpoint with that auth secret' })
  @ApiResponse({
    status: 409,
    description:
      'SUBSCRIBER.UNSUBSCRIBED (the reader stopped these alerts), PUSH.ALREADY_REPLACED (the old endpoint was replaced by another one), ' +
      "PUSH.ENDPOINT_IN_USE (the new endpoint is another subscription's, with other keys)",
  })
  @ApiResponse({ status: 429, description: 'REQUEST.RATE_LIMITED (push-replace: per client, and per old endpoint)' })
  async replace(@Body() request: ReplacePushSubscriptionRequest, @Res({ passthrough: true }) res: Response): Promise<PushSubscriptionReplaced> {
    const result = await this.replacePushEndpoint.execute(
      ReplacePushEndpointCommand.create({ oldEndpoint: request.oldEndpoint, oldAuth: request.oldAuth, ...browserFieldsOf(request.subscription) }),
    );
    res.setHeader('Cache-Control', 'no-store');
    return { ...createdBody(result), outcome: result.outcome };
  }

  @Public()
  @Post('push-subscriptions/status')
  @HttpCode(200)
  @ApiOperation({
    summary: "Where the push subscription this browser holds stands: the site's page shows \"alerts are on\" only while it is active",
    description:
      'A POST because the auth secret that proves the browser holds the subscription must not be in an address. Reads only. ' +
      'Asked by the page after the reader followed its preference link, and otherwise once a day.',
  })
  @ApiResponse({ status: 200, type: PushSubscriptionStatusBody })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED' })
  @ApiResponse({ status: 404, description: 'PUSH.UNKNOWN_SUBSCRIPTION: no subscription at that endpoint with that auth secret' })
  @ApiResponse({ status: 429, description: 'REQUEST.RATE_LIMITED (push-status: per client, and per endpoint)' })
  async status(@Body() request: CheckPushSubscriptionRequest, @Res({ passthrough: true }) res: Response): Promise<PushSubscriptionStatusBody> {
    const checked = await this.checkPushSubscription.check({ endpoint: request.endpoint, auth: request.auth });
    res.setHeader('Cache-Control', 'no-store');
    return checked.links ? { ...createdBody({ id: checked.id, ...checked.links }), status: checked.status } : { id: checked.id, status: checked.status };
  }
}

/** A browser's PushSubscription.toJSON() as a command's fields (BrowserPushSubscriptionCommand): keys flattened, the expiry a Date. */
function browserFieldsOf({ endpoint, expirationTime, keys }: PushSubscriptionJson) {
  return { endpoint, p256dh: keys.p256dh, auth: keys.auth, expirationTime: typeof expirationTime === 'number' ? new Date(expirationTime) : null };
}

/** A push subscription's id and management links as the API names them. */
function createdBody(result: { id: string } & ManagementLinks): PushSubscriptionCreated {
  return { id: result.id, managementToken: result.token, preferencesUrl: result.preferencesUrl, unsubscribeUrl: result.unsubscribeUrl };
}
