import type { INestApplication } from '@nestjs/common';
import { bootstrapService, type ServiceDescription } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadEditorialReviewConfig } from './config/editorial-review.config';

export const EDITORIAL_REVIEW_SERVICE: ServiceDescription = {
  title: 'Newsroom editorial review',
  description:
    'Editors work through the queue of submitted articles: automated checks, notes, change requests, approval (never of their own article) and rejection.',
  consumesEvents: true,
};

/**
 * Starts the editorial review service from environment variables (PORT,
 * DATABASE_URL, KAFKA_BROKERS, JWT_JWKS_URL, ...; see EditorialReviewEnv):
 * migrates, serves HTTP and consumes drafting's submitted events. Rejects when
 * the configuration is invalid or the database is unreachable.
 */
export function startEditorialReview(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  const config = loadEditorialReviewConfig(env);
  return bootstrapService(AppModule.register(config), EDITORIAL_REVIEW_SERVICE, config.runtime);
}
