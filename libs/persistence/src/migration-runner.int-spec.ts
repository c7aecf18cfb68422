/**
 * The migration runner against the real PostgreSQL: replicas that start at the
 * same time migrate exactly once, and every migration can be reverted.
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@newsroom/testing';
import { buildDataSourceOptions } from './data-source';
import { revertAllMigrations, runMigrationsUnderLock } from './migration-runner';
import { CreateOutboxAndInbox1764000000000 } from './migrations/create-outbox-and-inbox.migration';
import { SqlMigration } from './migrations/sql-migration';

jest.setTimeout(60_000);

const SCHEMA = 'migration_runner_test';

/** Records each run in a table outside the service schema, and is slow enough for a second replica to arrive. */
class CountMigrationRuns1764000000001 extends SqlMigration {
  protected readonly upStatements = [
    `INSERT INTO public.migration_runs (direction) VALUES ('up')`,
    `SELECT pg_sleep(0.3)`,
    `CREATE TABLE counted (id int PRIMARY KEY)`,
  ];

  protected readonly downStatements = [`DROP TABLE counted`, `INSERT INTO public.migration_runs (direction) VALUES ('down')`];
}

const MIGRATIONS = [CreateOutboxAndInbox1764000000000, CountMigrationRuns1764000000001];

describe(runMigrationsUnderLock.name, () => {
  let db: TestDatabase;
  let sql: Client;
  const dataSources: DataSource[] = [];

  function replica(name: string): DataSource {
    const dataSource = new DataSource(
      buildDataSourceOptions({ url: db.url, schema: SCHEMA, applicationName: name, entities: [], migrations: MIGRATIONS, poolSize: 3 }),
    );
    dataSources.push(dataSource);
    return dataSource;
  }

  async function rows<T>(query: string, params: unknown[] = []): Promise<T[]> {
    return (await sql.query(query, params)).rows as T[];
  }

  async function tablesInSchema(): Promise<string[]> {
    const found = await rows<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [SCHEMA],
    );
    return found.map((row) => row.table_name);
  }

  beforeAll(async () => {
    db = await createTestDatabase('newsroom_migration_runner');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(`CREATE TABLE public.migration_runs (seq serial PRIMARY KEY, direction text NOT NULL)`);
  });

  afterAll(async () => {
    await Promise.all(dataSources.filter((dataSource) => dataSource.isInitialized).map((dataSource) => dataSource.destroy()));
    await sql?.end();
    await db?.drop();
  });

  it('migrates exactly once when two replicas start at the same time', async () => {
    const [first, second] = [replica('replica-1'), replica('replica-2')];
    await Promise.all([first.initialize(), second.initialize()]);

    const results = await Promise.all([runMigrationsUnderLock(first, SCHEMA), runMigrationsUnderLock(second, SCHEMA)]);

    const ranBy = results.map((ran) => ran.map((migration) => migration.name));
    expect(ranBy).toContainEqual(['CreateOutboxAndInbox1764000000000', 'CountMigrationRuns1764000000001']);
    expect(ranBy).toContainEqual([]);
    expect(await rows(`SELECT name FROM ${SCHEMA}.migrations ORDER BY id`)).toEqual([
      { name: 'CreateOutboxAndInbox1764000000000' },
      { name: 'CountMigrationRuns1764000000001' },
    ]);
    expect(await rows(`SELECT direction FROM public.migration_runs ORDER BY seq`)).toEqual([{ direction: 'up' }]);
    expect(await tablesInSchema()).toEqual(['counted', 'inbox', 'migrations', 'outbox']);
  });

  it('does nothing when the migrations already ran', async () => {
    const late = replica('replica-3');
    await late.initialize();
    await expect(runMigrationsUnderLock(late, SCHEMA)).resolves.toEqual([]);
    expect(await rows(`SELECT count(*)::int AS n FROM ${SCHEMA}.migrations`)).toEqual([{ n: 2 }]);
  });

  it('releases the advisory lock when it is done', async () => {
    const held = await rows(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = $1`,
      [db.name],);
    expect(held).toEqual([{ n: 0 }]);
  });

  it('refuses an unsafe schema name before touching the database', async () => {
    await expect(runMigrationsUnderLock(dataSources[0], 'bad-name')).rejects.toThrow('not a safe PostgreSQL identifier');
  });
});

describe(revertAllMigrations.name, () => {
  let db: TestDatabase;
  let sql: Client;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('newsroom_migration_revert');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(`CREATE TABLE public.migration_runs (seq serial PRIMARY KEY, direction text NOT NULL)`);
    dataSource = new DataSource(
      buildDataSourceOptions({ url: db.url, schema: SCHEMA, applicationName: 'revert', entities: [], migrations: MIGRATIONS, poolSize: 2 }),
    );
    await dataSource.initialize();
    await runMigrationsUnderLock(dataSource, SCHEMA);
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await sql?.end();
    await db?.drop();
  });

  it('reverts every migration, newest first, and drops their tables', async () => {
    await expect(revertAllMigrations(dataSource)).resolves.toBe(2);

    const tables = await sql.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [SCHEMA]);
    expect(tables.rows).toEqual([{ table_name: 'migrations' }]);
    expect((await sql.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.migrations`)).rows).toEqual([{ n: 0 }]);
    expect((await sql.query(`SELECT direction FROM public.migration_runs ORDER BY seq`)).rows).toEqual([{ direction: 'up' }, { direction: 'down' }]);
  });

  it('does nothing when there is nothing left to revert', async () => {
    await expect(revertAllMigrations(dataSource)).resolves.toBe(0);
  });

  it('lets the migrations run again after a full revert', async () => {
    const ran = await runMigrationsUnderLock(dataSource, SCHEMA);
    expect(ran).toHaveLength(2);
    const tables = await sql.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [SCHEMA]);
    expect(tables.rows.map((row: { table_name: string }) => row.table_name)).toEqual(['counted', 'inbox', 'migrations', 'outbox']);
  });
});
