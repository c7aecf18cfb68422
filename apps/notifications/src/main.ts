import { bootstrapService } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadNotificationsConfig } from './config/notifications.config';

async function main(): Promise<void> {
  const config = loadNotificationsConfig(process.env);
  await bootstrapService(AppModule.register(config), {
    title: 'Newsroom notifications',
    description:
      'Email (double opt-in) and web-push alerts for published articles, once per subscriber per channel; ' +
      'preference and one-click unsubscribe pages behind signed links; the delivery log for editors.',
    consumesEvents: true,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
