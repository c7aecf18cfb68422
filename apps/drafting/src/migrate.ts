import 'reflect-metadata';
import { runMigrationJob } from '@newsroom/persistence';
import { DRAFTING_ENTITIES } from './app.module';
import { loadDraftingConfig } from './config/drafting.config';
import { DRAFTING_MIGRATIONS } from './migrations';

/** One-shot migration run (the Kubernetes migration Job); the service also migrates at start-up. */
runMigrationJob(() => ({ runtime: loadDraftingConfig(process.env).runtime, entities: DRAFTING_ENTITIES, migrations: DRAFTING_MIGRATIONS }));
