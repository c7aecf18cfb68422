import 'reflect-metadata';
import { runMigrationJob } from '@newsroom/persistence';
import { PUBLISHING_ENTITIES } from './app.module';
import { loadPublishingConfig } from './config/publishing.config';
import { PUBLISHING_MIGRATIONS } from './migrations';

/** One-shot migration run (the Kubernetes migration Job); the service also migrates at start-up. */
runMigrationJob(() => ({ runtime: loadPublishingConfig(process.env).runtime, entities: PUBLISHING_ENTITIES, migrations: PUBLISHING_MIGRATIONS }));
