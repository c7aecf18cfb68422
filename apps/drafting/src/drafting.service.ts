import type { INestApplication } from '@nestjs/common';
import { ARTICLE_BODY_ROUTES } from '@newsroom/contracts';
import { bootstrapService, type ServiceDescription } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadDraftingConfig } from './config/drafting.config';

export const DRAFTING_SERVICE: ServiceDescription = {
  title: 'Newsroom drafting',
  description: 'Reporters write, revise and submit articles; every status change and editor note shows up on the draft.',
  consumesEvents: true,
  // POST and PATCH carry a whole article (up to 512 KiB as JSON).
  largeBodyPaths: ARTICLE_BODY_ROUTES.drafting,
  // The image upload reads its own body: an image or a multipart form, up to 15 MB.
  uploadPaths: ['/v1/images'],
};

/**
 * Starts the drafting service from environment variables (PORT, DATABASE_URL,
 * KAFKA_BROKERS, JWT_JWKS_URL, ...; see DraftingEnv): migrates, serves HTTP and
 * consumes review and publishing events. Rejects when the configuration is
 * invalid or the database is unreachable.
 */
export async function startDrafting(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  const config = loadDraftingConfig(env);
  return bootstrapService(AppModule.register(config), DRAFTING_SERVICE, config.runtime);
}
