import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrationsUnderLock } from '@newsroom/persistence';
import { DRAFTING_ENTITIES } from './app.module';
import { loadDraftingConfig } from './config/drafting.config';
import { DRAFTING_MIGRATIONS } from './migrations';

/** One-shot migration run (the Kubernetes migration Job); services also migrate at start-up. */
async function main(): Promise<void> {
  const { runtime } = loadDraftingConfig(process.env);
  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: runtime.databaseUrl,
      schema: runtime.databaseSchema,
      applicationName: `${runtime.serviceName}-migrate`,
      entities: DRAFTING_ENTITIES,
      migrations: DRAFTING_MIGRATIONS,
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
