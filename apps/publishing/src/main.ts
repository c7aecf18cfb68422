import { bootstrapService } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadPublishingConfig } from './config/publishing.config';
import { publishingService } from './service';

async function main(): Promise<void> {
  const config = loadPublishingConfig(process.env);
  await bootstrapService(AppModule.register(config), publishingService(config));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
