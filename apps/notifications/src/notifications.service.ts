import type { INestApplication } from '@nestjs/common';
import { bootstrapService, type ServiceDescription } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadNotificationsConfig } from './config/notifications.config';

/** How the notifications service presents itself (OpenAPI) and starts; shared by main.ts and the in-process tests. */
export const NOTIFICATIONS_SERVICE: ServiceDescription = {
  title: 'Newsroom notifications',
  description:
    'Email (double opt-in) and web-push alerts for published articles, once per subscriber per channel; ' +
    'preference and one-click unsubscribe pages behind signed links; the delivery log for editors.',
  consumesEvents: true,
};

/** Starts the notifications service from environment variables (see NotificationsEnv); rejects when they are invalid. */
export async function startNotifications(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  return bootstrapService(AppModule.register(loadNotificationsConfig(env)), NOTIFICATIONS_SERVICE);
}
