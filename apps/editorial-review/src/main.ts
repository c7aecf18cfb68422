import { bootstrapService } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadEditorialReviewConfig } from './config/editorial-review.config';

async function main(): Promise<void> {
  const config = loadEditorialReviewConfig(process.env);
  await bootstrapService(AppModule.register(config), {
    title: 'Newsroom editorial review',
    description:
      'Editors work through the queue of submitted articles: automated checks, notes, change requests, approval (never of their own article) and rejection.',
    consumesEvents: true,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
