import { execFileSync, execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';

/** The machine's PostgreSQL, as the tests and `npm start` expect it (trust auth on loopback). */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes sure the machine's PostgreSQL answers: uses it when running, starts
 * the installed cluster when stopped, and installs it with apt when missing
 * (CI runs as root on Debian). Returns false when none of that is possible.
 */
export async function ensureMachinePostgres(adminUrl = DEFAULT_ADMIN_URL, { install = true } = {}): Promise<boolean> {
  if (await canConnect(adminUrl)) return true;
  const isRoot = process.getuid?.() === 0;
  if (!existsSync('/etc/postgresql') && install && isRoot && hasCommand('apt-get')) {
    console.log('PostgreSQL is not installed; installing it with apt-get...');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (existsSync('/etc/postgresql') && isRoot) {
    for (const version of readdirSync('/etc/postgresql')) {
      try {
        execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
      } catch {
        // already running or another version; the connection check below decides
      }
    }
    allowTrustOnLoopback();
    for (let i = 0; i < 30; i += 1) {
      if (await canConnect(adminUrl)) return true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return canConnect(adminUrl);
}

/** A fresh install uses peer/scram auth; tests connect as postgres over TCP without a password. */
function allowTrustOnLoopback(): void {
  try {
    execSync(
      `for f in /etc/postgresql/*/main/pg_hba.conf; do grep -q '^host all all 127.0.0.1/32 trust' "$f" || { sed -i '1i host all all 127.0.0.1/32 trust\\nhost all all ::1/128 trust' "$f"; changed=1; }; done; ` +
        `[ -n "$changed" ] && for v in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect $v main reload; done; true`,
      { stdio: 'inherit', shell: '/bin/bash' },
    );
  } catch {
    // best effort: the connection check reports the outcome
  }
}

function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A database of its own for one test suite, dropped afterwards. */
export async function createTestDatabase(prefix = 'newsroom_test', adminUrl = DEFAULT_ADMIN_URL): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
