import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A TCP port on 127.0.0.1 that is free now and that no other caller of freePort on this machine
 * is handed while this process lives, for a server (a service, a Kafka node, PostgreSQL) that
 * binds it a moment later, often in another process.
 *
 * Why not the kernel's port 0, closed again and passed on: such a port is in the kernel's
 * ephemeral range, where the next `listen(0)` or outgoing connection of any process may get
 * it before the server binds it (seen with suites running at once: a Kafka node took a port
 * another suite's HTTP server was about to bind, EADDRINUSE). So the ports come from below
 * (or above) that range, where the kernel never assigns one on its own, and each is claimed with
 * a file created exclusively in a directory every process shares (suites run in several Jest
 * workers and stages at once), then checked free by binding it. A claim lasts as long as the
 * process that made it; those of processes gone are ignored and swept away. Other programs that
 * listen on fixed ports in that range are found by the check and skipped.
 *
 * Rejects after 500 tries without a free port.
 */
export async function freePort(): Promise<number> {
  const claims = claimsDir();
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const range = freePortRange();
    const port = range ? range.low + Math.floor(Math.random() * (range.high - range.low + 1)) : await kernelPort();
    if (BAD_PORTS.has(port)) continue;
    if (claim(claims, port) && (await bindable(port))) return port;
  }
  throw new Error(`no free TCP port on 127.0.0.1 after ${MAX_TRIES} tries (claims in ${claims})`);
}

const MAX_TRIES = 500;
/**
 * The Fetch standard's bad ports (https://fetch.spec.whatwg.org/#bad-port), which Node's `fetch`
 * (undici) and every browser refuse to connect to: a service handed 10080, the one inside our
 * range, never answered a readiness probe or the desk in Chromium (`ERR_UNSAFE_PORT`).
 */
export const BAD_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117,
  119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
  989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
/** Below this, ports belong to well-known and registered services more often. */
const LOWEST_OWN_PORT = 10_000;
/** The smallest range worth using; narrower, fall back to the kernel's ports (claimed all the same). */
const MIN_RANGE = 2_000;
let ownRange: { low: number; high: number } | undefined | null = null;

/**
 * The ports freePort hands out, inclusive: outside the kernel's ephemeral range (Linux:
 * 32768–60999 by default, so 10000–32767), or undefined when that range leaves too little room
 * and freePort claims the kernel's own picks instead.
 */
export function freePortRange(): { low: number; high: number } | undefined {
  if (ownRange === null) ownRange = outsideEphemeralRange();
  return ownRange;
}

function outsideEphemeralRange(): { low: number; high: number } | undefined {
  let ephemeral = { low: 32_768, high: 60_999 };
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) ephemeral = { low, high };
  } catch {
    // Not Linux: the kernel's defaults elsewhere sit in the same region or above it.
  }
  if (ephemeral.low - 1 - LOWEST_OWN_PORT >= MIN_RANGE) return { low: LOWEST_OWN_PORT, high: ephemeral.low - 1 };
  if (65_535 - (ephemeral.high + 1) >= MIN_RANGE) return { low: ephemeral.high + 1, high: 65_535 };
  return undefined;
}

let swept = false;

/** One directory per user (root's claims would shut others out), swept once per module instance. */
function claimsDir(): string {
  const dir = path.join(tmpdir(), `newsroom-port-claims-${process.getuid?.() ?? 'user'}`);
  mkdirSync(dir, { recursive: true });
  if (!swept) {
    swept = true;
    for (const name of readdirSync(dir)) {
      if (!alive(claimOwner(name))) rmSync(path.join(dir, name), { force: true });
    }
  }
  return dir;
}

/**
 * Claims `port` for this process: creates `<port>-<pid>` (exclusively: this process claims a
 * port once), then gives it back if another living process holds a claim on the same port.
 * Two processes claiming the same port at the same instant may both give it back; they never
 * both keep it.
 */
function claim(dir: string, port: number): boolean {
  const mine = `${port}-${process.pid}`;
  try {
    closeSync(openSync(path.join(dir, mine), 'wx'));
  } catch {
    return false;
  }
  const rivals = readdirSync(dir).filter((name) => name !== mine && name.startsWith(`${port}-`) && alive(claimOwner(name)));
  if (rivals.length === 0) return true;
  rmSync(path.join(dir, mine), { force: true });
  return false;
}

function claimOwner(name: string): number {
  return Number(name.slice(name.indexOf('-') + 1));
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it lives, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a server could bind `port` on 127.0.0.1 now. */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port the kernel picks, for a machine whose ephemeral range leaves no room outside it. */
function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
