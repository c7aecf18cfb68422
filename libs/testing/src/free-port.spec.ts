import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, freePortRange } from './free-port';

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
  /** A port of the range nobody has claimed in this run, away from the other tests' ports. */
  const unclaimedPort = (): number => {
    const claimed = new Set(readdirSync(claims).map((name) => Number(name.split('-')[0])));
    for (let port = range!.high - 1; ; port--) if (!claimed.has(port)) return port;
  };

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
    const port = unclaimedPort();
    tryFirst(port, port, port - 2);

    expect(await freePort()).toBe(port);
    expect(await freePort()).toBe(port - 2);
  });

  it('skips a port another living process has claimed', async () => {
    const port = unclaimedPort();
    const other: ChildProcess = spawn('sleep', ['60']);
    cleanups.push(() => other.kill());
    writeFileSync(path.join(claims, `${port}-${other.pid}`), '');
    cleanups.push(() => rmSync(path.join(claims, `${port}-${other.pid}`), { force: true }));
    tryFirst(port, port - 4);

    expect(await freePort()).toBe(port - 4);
  });

  it('takes a port whose claimant has exited', async () => {
    const port = unclaimedPort();
    const gone = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
    writeFileSync(path.join(claims, `${port}-${Number(gone.stdout)}`), '');
    tryFirst(port);

    expect(await freePort()).toBe(port);
  });

  it('skips a port another program listens on', async () => {
    const port = unclaimedPort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => squatter.close());
    tryFirst(port, port - 6);

    expect(await freePort()).toBe(port - 6);
  });
});
