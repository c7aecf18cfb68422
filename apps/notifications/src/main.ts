import { bootstrapService } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadNotificationsConfig } from './config/notifications.config';
import { NOTIFICATIONS_SERVICE } from './notifications.service';

async function main(): Promise<void> {
  await bootstrapService(AppModule.register(loadNotificationsConfig(process.env)), NOTIFICATIONS_SERVICE);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
