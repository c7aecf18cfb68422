import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { NotificationsConfig } from '../../config/notifications.config';
import { NOTIFICATIONS_CONFIG } from '../../shared/notifications-config.token';

/**
 * The routes the site's scripts call from the readers' browsers: the "Get alerts" button, the
 * service worker's click count, and the report of a replaced subscription (worker and page).
 */
export const SITE_SCRIPT_ROUTES = ['v1/push/vapid-public-key', 'v1/push-subscriptions', 'v1/push-subscriptions/replacements', 'v1/push-subscriptions/status', 'v1/alert-clicks'] as const;

/**
 * CORS (the Fetch standard's) for the site's own pages, and nobody else's: the public site
 * (PUBLIC_SITE_URL) is another origin than this service, and its "Get alerts" button fetches the
 * VAPID key and posts the browser's push subscription here. Only that one origin is named in
 * `Access-Control-Allow-Origin`, without credentials (nothing here uses cookies); a preflight
 * (`OPTIONS` for the JSON POST) is answered 204 at once. Other origins get no CORS headers, so
 * their pages cannot read the answers. The email form needs none of this: a form post is a
 * navigation.
 */
@Injectable()
export class SiteCorsMiddleware implements NestMiddleware {
  private readonly siteOrigin: string;

  constructor(@Inject(NOTIFICATIONS_CONFIG) config: NotificationsConfig) {
    this.siteOrigin = new URL(config.publicSiteUrl).origin;
  }

  use(request: Request, response: Response, next: NextFunction): void {
    response.vary('Origin');
    if (request.headers.origin !== this.siteOrigin) return next();
    response.setHeader('Access-Control-Allow-Origin', this.siteOrigin);
    if (request.method !== 'OPTIONS') return next();
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    response.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    response.setHeader('Access-Control-Max-Age', '600');
    response.status(204).end();
  }
}
