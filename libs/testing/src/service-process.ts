import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

import { WORKSPACE_ROOT } from './workspace-root';

export { WORKSPACE_ROOT };
export const SERVICE_NAMES = ['drafting', 'editorial-review', 'publishing', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
/** The desk (accounts, sign-in, the web app) runs as a process like the four services. */
export const DESK = 'desk';
export type ProcessName = ServiceName | typeof DESK;

export interface ServiceProcess {
  name: string;
  baseUrl: string;
  logFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs one compiled service (`npm run build` first) as its own process, with
 * its JSON logs in `logFile`, and waits until /health/ready answers 200 (or /health/live, with
 * `waitFor: 'live'`: serving, before its consumer has joined its group).
 *
 * The service writes its standard output and error to the log file itself (pino writes each
 * line synchronously), not through a pipe this process copies when it gets round to it: a
 * line the service logged is in the file before anything the service does next, so a test
 * that has seen an effect (a row, a committed offset) finds the lines logged before it.
 */
export async function startServiceProcess(
  name: ProcessName,
  env: Record<string, string>,
  options: { logDir: string; readyTimeoutMs?: number; waitFor?: 'ready' | 'live' },
): Promise<ServiceProcess> {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${name}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '-r',
      path.join(WORKSPACE_ROOT, 'tools/scripts/register-paths.cjs'),
      '-r',
      path.join(WORKSPACE_ROOT, 'tools/scripts/exit-with-parent.cjs'),
      path.join(WORKSPACE_ROOT, `dist/apps/${name}/src/main.js`),
    ],
    // stdin is a pipe the service watches: when this process dies, however it dies, the
    // pipe closes and the service shuts down gracefully rather than outliving it.
    { cwd: WORKSPACE_ROOT, env: { ...process.env, ...env, NEWSROOM_EXIT_WITH_PARENT: '1' }, stdio: ['pipe', log, log] },
  );
  closeSync(log); // the child holds its own copy
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitForReady(baseUrl, options.readyTimeoutMs ?? 60_000, exited, name, logFile, options.waitFor ?? 'ready');
  return {
    name,
    baseUrl,
    logFile,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForReady(baseUrl: string, timeoutMs: number, exited: Promise<number | null>, name: string, logFile: string, probe: 'ready' | 'live') {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code ?? -1));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${name} exited with code ${exitCode} before it was ready; see ${logFile}`);
    try {
      const response = await fetch(`${baseUrl}/health/${probe}`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms; see ${logFile}`);
}
