import { bootstrapService } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadDraftingConfig } from './config/drafting.config';

async function main(): Promise<void> {
  const config = loadDraftingConfig(process.env);
  await bootstrapService(AppModule.register(config), {
    title: 'Newsroom drafting',
    description: 'Reporters write, revise and submit articles; every status change and editor note shows up on the draft.',
    consumesEvents: true,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
