import type { DataSource, Migration } from 'typeorm';
import { assertSafeIdentifier } from './data-source';

/**
 * Runs pending migrations for one service under a PostgreSQL advisory lock, so
 * several replicas starting at once migrate exactly once. Creates the service's
 * schema first: the migrations table lives inside it.
 */
export async function runMigrationsUnderLock(dataSource: DataSource, schema: string): Promise<Migration[]> {
  assertSafeIdentifier(schema);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`newsroom:migrations:${schema}`]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`newsroom:migrations:${schema}`]);
    }
  } finally {
    await runner.release();
  }
}

export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  let reverted = 0;
  while (dataSource.migrations.length > 0) {
    const executed = await dataSource.query(`SELECT count(*)::int AS n FROM migrations`).catch(() => [{ n: 0 }]);
    if (executed[0].n === 0) break;
    await dataSource.undoLastMigration({ transaction: 'each' });
    reverted += 1;
  }
  return reverted;
}
