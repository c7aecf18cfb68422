import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { ServiceRuntimeConfig } from '@newsroom/config';
import { buildDataSourceOptions } from './data-source';
import { runMigrationsUnderLock } from './migration-runner';

export interface MigrationJobDefinition {
  runtime: ServiceRuntimeConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * A service's one-shot migration run (the Kubernetes migration Job): migrate
 * under the advisory lock, print what was applied as one JSON line, exit.
 * Services also migrate at start-up; both paths take the same lock.
 */
export function runMigrationJob(define: () => MigrationJobDefinition): void {
  const run = async () => {
    const { runtime, entities, migrations } = define();
    const dataSource = new DataSource(
      buildDataSourceOptions({
        url: runtime.databaseUrl,
        schema: runtime.databaseSchema,
        applicationName: `${runtime.serviceName}-migrate`,
        entities,
        migrations,
      }),
    );
    await dataSource.initialize();
    try {
      const applied = await runMigrationsUnderLock(dataSource, runtime.databaseSchema);
      console.log(JSON.stringify({ msg: 'migrations applied', service: runtime.serviceName, applied: applied.map((m) => m.name) }));
    } finally {
      await dataSource.destroy();
    }
  };
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
