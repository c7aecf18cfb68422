// Shared steps of `npm start` and `npm test` that must run before any
// TypeScript is compiled: dependencies and the build.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function step(title) {
  console.log(`\n▶ ${title}`);
}

/** What a command stopped at its ceiling (`timeout` ms) leaves in the output. */
function stoppedLine(command, timeout) {
  return `\n✖ ${path.basename(command)} was still running after ${Math.round(timeout / 1000)} s and was stopped`;
}

/**
 * Runs a command in the foreground; its exit code (124 when `options.timeout`
 * in ms ran out and the command was killed, as coreutils' timeout reports it).
 */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error?.code === 'ETIMEDOUT') {
    console.error(stoppedLine(command, options.timeout));
    return 124;
  }
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function mustRun(title, command, args, options) {
  const started = Date.now();
  const code = run(command, args, options);
  if (code !== 0) {
    console.error(`\n✖ ${title} failed (exit code ${code})`);
    process.exit(code);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/**
 * Runs a command with its output held rather than shown, for commands that run beside others:
 * the caller prints `output` whole when it ends, so two outputs never interleave. `quiet` drops
 * standard output (errors are still kept). After `timeout` ms the command is killed (SIGKILL)
 * and the code is 124, as coreutils' timeout reports it.
 *
 * @returns {Promise<{ code: number, output: Buffer }>}
 */
export function runHeld(command, args, { env = process.env, quiet = false, timeout } = {}) {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  if (quiet) child.stdout.resume();
  else child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  let timedOut = false;
  let notStarted = false;
  const timer =
    timeout === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, timeout);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      notStarted = true;
      output.push(Buffer.from(`${error.message}\n`));
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      if (timedOut) output.push(Buffer.from(`${stoppedLine(command, timeout)}\n`));
      resolve({ code: timedOut ? 124 : notStarted ? 127 : (status ?? 1), output: Buffer.concat(output) });
    });
  });
}

/**
 * Runs several lines of checks at once (each line's commands one after another), for checks
 * that each leave a core of a small machine idle. Each command's output is printed whole when
 * it ends (runHeld); a line stops at its first failure, and once every line has ended the
 * process waits for `beforeExit` (work in the background that must not be cut off) and exits
 * with that code.
 *
 * @param {Array<Array<{ title: string, command: string, args: string[], env?: Record<string, string>, quiet?: boolean, then?: () => void }>>} lines
 *   `then` runs once its command has succeeded (to start work that needed it)
 * @param {{ beforeExit?: () => Promise<unknown> }} [options]
 */
export async function mustRunTogether(lines, { beforeExit } = {}) {
  const runLine = async (commands) => {
    for (const { title, command, args, env, quiet, then } of commands) {
      const started = Date.now();
      const { code, output } = await runHeld(command, args, { env, quiet });
      process.stdout.write(output);
      if (code !== 0) {
        console.error(`\n✖ ${title} failed (exit code ${code})`);
        return code;
      }
      console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      then?.();
    }
    return 0;
  };
  const failed = (await Promise.all(lines.map(runLine))).find((code) => code !== 0);
  if (failed === undefined) return;
  await beforeExit?.();
  process.exit(failed);
}

/**
 * Installs dependencies when node_modules is missing or older than the lock file. A
 * node_modules that is a symbolic link (a second checkout borrowing another's install) is
 * left alone: `npm ci` empties the directory it points to, under the other checkout's feet.
 */
export function ensureDependencies() {
  const modules = path.join(ROOT, 'node_modules');
  const marker = path.join(modules, '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
    console.log('node_modules is a link to another install and older than package-lock.json; not reinstalling it (run npm ci where it lives)');
    return;
  }
  step('Installing dependencies (npm ci)');
  mustRun('npm ci', 'npm', ['ci', '--no-audit', '--no-fund']);
}

/** The build's commands, in order: the services and libraries into dist/, then the desk's browser app. */
export const BUILD_STEPS = [
  { title: 'build', command: process.execPath, args: [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'] },
  // The desk's browser app (apps/desk/web), bundled by Vite into dist/apps/desk/web.
  { title: 'desk web build', command: process.execPath, args: [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/desk/web/vite.config.mts', '--logLevel', 'warn'] },
];

export function build() {
  step('Compiling TypeScript');
  for (const { title, command, args } of BUILD_STEPS) mustRun(title, command, args);
}

export function hasCommand(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
