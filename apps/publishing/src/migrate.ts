import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrationsUnderLock } from '@newsroom/persistence';
import { PUBLISHING_ENTITIES } from './app.module';
import { loadPublishingConfig } from './config/publishing.config';
import { PUBLISHING_MIGRATIONS } from './migrations';

/** One-shot migration run (the Kubernetes migration Job); the service also migrates at start-up. */
async function main(): Promise<void> {
  const { runtime } = loadPublishingConfig(process.env);
  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: runtime.databaseUrl,
      schema: runtime.databaseSchema,
      applicationName: `${runtime.serviceName}-migrate`,
      entities: PUBLISHING_ENTITIES,
      migrations: PUBLISHING_MIGRATIONS,
    }),
  );
  await dataSource.initialize();
  try {
    const applied = await runMigrationsUnderLock(dataSource, runtime.databaseSchema);
    console.log(JSON.stringify({ msg: 'migrations applied', service: runtime.serviceName, applied: applied.map((m) => m.name) }));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
