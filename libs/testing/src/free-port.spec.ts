import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BAD_PORTS, freePort, freePortRange } from './free-port';

const claims = path.join(tmpdir(), `newsroom-port-claims-${process.getuid?.() ?? 'user'}`);

describe(freePort.name, () => {
  const range = freePortRange();
  let random: jest.SpyInstance<number, []>;
  const cleanups: (() => void)[] = [];

  /** Makes freePort try these ports first, in order (it picks a port of its range with Math.random). */
  function tryFirst(...ports: number[]): void {
    random = jest.spyOn(Math, 'random');
    for (const port of ports) random.mockReturnValueOnce((port - range!.low + 0.5) / (range!.high - range!.low + 1));
  }
  /**
   * `count` ports of the range, from its top, that no process has claimed and nothing listens on
   * now: the ports a test steers freePort to. Each test takes its own; a fallback port picked by
   * arithmetic could be one another process holds at that moment (a broker of the same run).
   */
  async function unusedPorts(count: number): Promise<number[]> {
    const claimed = new Set(readdirSync(claims).map((name) => Number(name.split('-')[0])));
    const found: number[] = [];
    for (let port = range!.high - 1; found.length < count; port--) {
      if (!claimed.has(port) && (await listenable(port))) found.push(port);
    }
    return found;
  }

  afterEach(() => {
    random?.mockRestore();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it("hands out ports outside the kernel's ephemeral range, each once per process", async () => {
    expect(range).toBeDefined();
    const ports = await Promise.all(Array.from({ length: 40 }, () => freePort()));

    expect(new Set(ports).size).toBe(40);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(range!.low);
      expect(port).toBeLessThanOrEqual(range!.high);
    }
  });

  it('never hands out the same port twice in one process, even when it comes up again', async () => {
    const [port, next] = await unusedPorts(2);
    tryFirst(port, port, next);

    expect(await freePort()).toBe(port);
    expect(await freePort()).toBe(next);
  });

  it("never hands out a port that fetch and browsers refuse to reach (the Fetch standard's bad ports)", async () => {
    // The premise: Node's fetch refuses 10080 before connecting, so a service there never looks ready.
    await expect(fetch('http://127.0.0.1:10080/health/ready')).rejects.toMatchObject({ cause: { message: 'bad port' } });
    expect(BAD_PORTS.has(10080)).toBe(true);
    expect(10080).toBeGreaterThanOrEqual(range!.low);
    const [next] = await unusedPorts(1);
    tryFirst(10080, next);

    expect(await freePort()).toBe(next);
  });

  it('skips a port another living process has claimed', async () => {
    const [port, next] = await unusedPorts(2);
    const other: ChildProcess = spawn('sleep', ['60']);
    cleanups.push(() => other.kill());
    writeFileSync(path.join(claims, `${port}-${other.pid}`), '');
    cleanups.push(() => rmSync(path.join(claims, `${port}-${other.pid}`), { force: true }));
    tryFirst(port, next);

    expect(await freePort()).toBe(next);
  });

  it('takes a port whose claimant has exited', async () => {
    const [port] = await unusedPorts(1);
    const gone = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
    writeFileSync(path.join(claims, `${port}-${Number(gone.stdout)}`), '');
    tryFirst(port);

    expect(await freePort()).toBe(port);
  });

  it('skips a port another program listens on', async () => {
    const [port, next] = await unusedPorts(2);
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => squatter.close());
    tryFirst(port, next);

    expect(await freePort()).toBe(next);
  });
});

/** Whether a server can listen on `port` of 127.0.0.1 now (it is closed again at once). */
function listenable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
