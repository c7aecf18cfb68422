import type { INestApplication } from '@nestjs/common';
import { bootstrapService, type ServiceDescription } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadNotificationsConfig, type NotificationsConfig } from './config/notifications.config';
import { mastheadOf } from './shared/html/page';
import { NOTIFICATIONS_CONFIG } from './shared/notifications-config.token';
import { SubscriberPageFilter } from './subscriptions/transport/subscriber-page.filter';
import type { NotificationsOverrides } from './shared/shared.module';

/** How the notifications service presents itself (OpenAPI) and starts; shared by main.ts and the in-process tests. */
export const NOTIFICATIONS_SERVICE: ServiceDescription = {
  title: 'Newsroom notifications',
  description:
    'Email (double opt-in) and web-push alerts for published articles, once per subscriber per channel; ' +
    'preference and one-click unsubscribe pages behind signed links; the delivery log for editors.',
  consumesEvents: true,
  // RFC 8058 one-click: whatever a mail provider sends as the body, the reader is unsubscribed.
  unreadBodyPaths: ['/unsubscribe'],
  configure: (app: INestApplication) => {
    // Registered after the platform's JSON filter, so it is asked first: the subscriber pages' errors are pages.
    app.useGlobalFilters(new SubscriberPageFilter(mastheadOf(app.get<NotificationsConfig>(NOTIFICATIONS_CONFIG))));
  },
};

/**
 * Starts the notifications service from environment variables (see NotificationsEnv); rejects
 * when they are invalid. `overrides` replace parts for in-process tests (a push agent that
 * trusts a test CA); main.ts passes none.
 */
export async function startNotifications(env: NodeJS.ProcessEnv, overrides: NotificationsOverrides = {}): Promise<INestApplication> {
  const config = loadNotificationsConfig(env);
  return bootstrapService(AppModule.register(config, overrides), NOTIFICATIONS_SERVICE, config.runtime);
}
