import 'reflect-metadata';
import { runMigrationJob } from '@newsroom/persistence';
import { NOTIFICATIONS_ENTITIES } from './app.module';
import { loadNotificationsConfig } from './config/notifications.config';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';

/** One-shot migration run (the Kubernetes migration Job); the service also migrates at start-up. */
runMigrationJob(() => ({ runtime: loadNotificationsConfig(process.env).runtime, entities: NOTIFICATIONS_ENTITIES, migrations: NOTIFICATIONS_MIGRATIONS }));
