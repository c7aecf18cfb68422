import 'reflect-metadata';
import { runMigrationJob } from '@newsroom/persistence';
import { EDITORIAL_REVIEW_ENTITIES } from './app.module';
import { loadEditorialReviewConfig } from './config/editorial-review.config';
import { EDITORIAL_REVIEW_MIGRATIONS } from './migrations';

/** One-shot migration run (the Kubernetes migration Job); the service also migrates at start-up. */
runMigrationJob(() => ({ runtime: loadEditorialReviewConfig(process.env).runtime, entities: EDITORIAL_REVIEW_ENTITIES, migrations: EDITORIAL_REVIEW_MIGRATIONS }));
