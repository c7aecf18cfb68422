import 'reflect-metadata';
import { runMigrationJob } from '@newsroom/persistence';
import { DESK_ENTITIES } from './app.module';
import { loadDeskConfig } from './config/desk.config';
import { DESK_MIGRATIONS } from './migrations';

/** One-shot migration run (the Kubernetes migration Job); the desk also migrates at start-up. */
runMigrationJob(() => ({ runtime: loadDeskConfig(process.env).runtime, entities: DESK_ENTITIES, migrations: DESK_MIGRATIONS }));
