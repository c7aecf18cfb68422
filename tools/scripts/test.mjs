#!/usr/bin/env node
// npm test: everything needed to pass the tests, infrastructure included.
// Lint beside the build and the type-check, while what the suites need on the
// machine is fetched in the background (Kafka's jars, Debian's chromium); then unit,
// integration, end-to-end, browser and fault tests (the suites start
// PostgreSQL and Apache Kafka; NEWSROOM_BROKER=mock runs them on the
// librdkafka mock and skips the three-node fault tests).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { BUILD_STEPS, ROOT, ensureDependencies, mustRunTogether, run, runHeld, step } from './bootstrap.mjs';

const startedAt = Date.now();
const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs only that stage

ensureDependencies();
const MINUTES = 60_000;
// What the suites need on the machine is fetched in the background once the build is done (the
// preparation runs compiled code), while the checks compute.
let machine = [];
const buildSteps = BUILD_STEPS.map((command, i) => (i === 0 ? { ...command, then: () => (machine = prepareMachine()) } : command));
// Lint beside the build and the type-check: each line keeps about one and a half cores busy.
const lint = [
  // The module-boundary rule reads Nx's project graph; compute it first.
  { title: 'project graph', command: bin('nx'), args: ['show', 'projects'], quiet: true, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
  { title: 'lint', command: bin('eslint'), args: ['.', '--max-warnings=0'] },
  // Folder rules inside each project: no cycles, layers point one way (.dependency-cruiser.cjs).
  { title: 'folder rules', command: bin('depcruise'), args: ['apps', 'libs', 'tools', 'e2e', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'] },
];
const typecheck = [
  { title: 'type-check', command: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  { title: 'type-check (desk web app)', command: bin('tsc'), args: ['-p', 'apps/desk/web/tsconfig.json'] },
];
const wants = (stage) => only.length === 0 || only.includes(stage);
const checks = [wants('lint') ? lint : [], [...buildSteps, ...(wants('typecheck') ? typecheck : [])]].filter((line) => line.length > 0);
step(`Build${wants('lint') ? ', beside lint (module boundaries, folder rules, floating promises, exhaustive switches)' : ''}${wants('typecheck') ? ', then type-check (sources and tests)' : ''}`);
// An apt-get cut off half-way would leave the machine's packages half installed.
await mustRunTogether(checks, { beforeExit: () => machineReady(machine) });
await machineReady(machine);

const resultsDir = path.join(ROOT, 'tmp/test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
// Suites with servers run with --forceExit: a suite whose set-up fails half-way
// can leave a listener open, and a test run must end with its report rather
// than wait for it. Each stage also has a ceiling well above its usual time
// so a stuck stage fails instead of stalling CI.
const atOnce = (suites) => [`--maxWorkers=${suites}`, '--forceExit'];
// Browser and fault suites time their faults or drive one browser, and run one at a time
// within their stage.
const withServers = ['--runInBand', '--forceExit'];
// Unit tests only compute: one worker per core (Jest's default leaves one core idle, half of two).
const unit = { name: 'unit', args: ['--selectProjects', 'unit', `--maxWorkers=${Math.max(2, availableParallelism() - 1)}`], timeout: 10 * MINUTES };
// Integration suites are isolated from each other (a database of their own, and their
// worker's Kafka node wiped of the last suite's topics and groups, on ports no other suite
// is handed: libs/testing's freePort and worker-kafka) and spend much of their time waiting on the
// broker, PostgreSQL and the clock rather than computing, so three run at once
// on two cores: measured on this kind of machine, the stage took 273 s with three
// against 289 s with two, whose cores stood idle 8 % of the time (3 % with three).
const integration = { name: 'integration', args: ['--selectProjects', 'integration', ...atOnce(3)], timeout: 20 * MINUTES };
// End-to-end suites each start a newsroom of their own (services as processes, on ports
// of their own, logs in a directory of their own) and wait on it between requests: two at once
// took 100 s against 108 s one at a time, whose cores stood idle 15 % of the time.
const e2e = { name: 'e2e', args: ['--selectProjects', 'e2e', ...atOnce(2)], timeout: 10 * MINUTES };
// The desk in Debian's chromium (playwright-core), in two parts run at different times (both are
// `npm test -- browser`). The desk app alone, against answers its suite gives it (no services, no
// broker, no database): 120 s on its own, mostly waiting on the app's own timers (0.4 of a core),
// so it runs beside the integration suites, which leave about two thirds of a core idle. Measured
// on a 2.1 GHz two-core machine: the integration stage 246 s alone, 331–365 s beside it (the desk
// app 194–197 s); the whole run 865 s before, 831 and 880 s after, no clear gain. What it buys is
// room under the browser stage's ceiling: 340–366 s of its 8 minutes there before, 205–238 s after.
const DESK_APP_SUITES = '/e2e/browser/desk-conflict\\.browser-spec\\.ts$';
const deskApp = { name: 'desk-app', part: 'browser', args: ['--selectProjects', 'browser', ...withServers, '--testPathPatterns', DESK_APP_SUITES], timeout: 8 * MINUTES };
// The whole lifecycle through the browser app, against a newsroom of its own.
const browser = { name: 'browser', args: ['--selectProjects', 'browser', ...withServers, '--testPathIgnorePatterns', DESK_APP_SUITES, '/node_modules/'], timeout: 8 * MINUTES };
// Real broker faults on a three-node Kafka cluster, and killed service processes and PostgreSQL
// (skipped, and counted so, on the mock).
const faults = { name: 'faults', args: ['--selectProjects', 'faults', ...withServers], timeout: 10 * MINUTES };
// Stages run one after another in groups; a group's lanes run side by side, each lane's stages
// one after another, each report printed whole when its stage ends. The integration suites beside
// the desk app (above). Then the end-to-end suites and the browser suites in one lane (each keeps
// about a core busy: newsrooms of their own; a browser), beside the fault suites in the other,
// which spend much of their time waiting out the faults they cause and are about as long as the
// other lane alone. Measured on a two-core Xeon: the end-to-end stage 68 s alone, 86 s beside the
// fault suites (the cores then full); the fault suites 224 s beside the browser suites alone, 247 s
// beside both; the last part of the run 292 s (end-to-end, then browser beside faults) → 249 s.
const plan = [[[unit]], [[integration], [deskApp]], [[e2e, browser], [faults]]]
  .map((group) => group.map((lane) => lane.filter((stage) => wants(stage.part ?? stage.name))).filter((lane) => lane.length > 0))
  .filter((group) => group.length > 0);

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStage;
const jestArgs = (stage) => [...stage.args, '--ci', '--json', `--outputFile=${path.join(resultsDir, `${stage.name}.json`)}`];
const jestEnv = { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1' };

/** Adds a finished stage's counts (from Jest's JSON report) to the totals and prints its wall time. */
function recordStage(stage, code, startedAt) {
  try {
    const result = JSON.parse(readFileSync(path.join(resultsDir, `${stage.name}.json`), 'utf8'));
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.skipped += result.numPendingTests + result.numTodoTests;
    if (result.numTotalTests === 0) {
      console.error(`✖ the ${stage.name} stage ran no test`);
      failedStage ??= stage.name;
    }
  } catch {
    failedStage ??= stage.name;
  }
  if (code !== 0) failedStage ??= stage.name;
  // Each stage's wall time, so a slower run shows where it slowed down.
  console.log(`${code === 0 ? '✔' : '✖'} ${stage.name} tests (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

for (const group of plan) {
  if (group.length === 1 && group[0].length === 1) {
    const [[stage]] = group;
    step(`Tests: ${stage.name}`);
    const startedAt = Date.now();
    recordStage(stage, run(bin('jest'), jestArgs(stage), { env: jestEnv, timeout: stage.timeout, killSignal: 'SIGKILL' }), startedAt);
    continue;
  }
  const lanes = group.map((lane) => lane.map((stage) => stage.name).join(' then '));
  step(`Tests: ${lanes.join(', beside ')} (each report follows when its stage ends)`);
  await Promise.all(
    group.map(async (lane) => {
      for (const stage of lane) {
        const startedAt = Date.now();
        const { code, output } = await runHeld(bin('jest'), jestArgs(stage), { env: jestEnv, timeout: stage.timeout });
        step(`Tests: ${stage.name}`);
        process.stdout.write(output);
        recordStage(stage, code, startedAt);
      }
    }),
  );
}

/**
 * Starts getting what the test stages need on this machine beyond node_modules (Debian
 * packages with chromium among them, Apache Kafka's jars) in two background processes, so a
 * new machine downloads while the checks compute rather than at the start of a stage.
 * Nothing to get when only the unit tests or the checks run.
 */
function prepareMachine() {
  const stages = ['integration', 'e2e', 'browser', 'faults'].filter(wants);
  if (stages.length === 0) return [];
  const script = path.join(ROOT, 'dist/tools/dev/prepare-test-machine.js');
  // Chromium for the browser suites; the mock broker for the relay's protocol-error suite (integration).
  const flags = [...(stages.includes('browser') ? ['--browser'] : []), ...(stages.includes('integration') ? ['--mock'] : [])];
  return ['packages', 'kafka'].map((part) => {
    const startedAt = Date.now();
    const done = runHeld(process.execPath, ['-r', path.join(ROOT, 'tools/scripts/register-paths.cjs'), script, part, ...flags], { timeout: 15 * MINUTES });
    return { part, done: done.then((result) => ({ ...result, seconds: (Date.now() - startedAt) / 1000 })) };
  });
}

/**
 * Waits for the machine's preparation and prints what it did. A part that could not be
 * prepared does not stop the run: the stage that needs it checks again and fails with its reason.
 */
async function machineReady(parts) {
  if (parts.length === 0) return;
  step('Machine: what the test stages need beyond node_modules');
  for (const { part, done } of parts) {
    const { code, output, seconds } = await done;
    process.stdout.write(output);
    console.log(`${code === 0 ? '✔' : '✖'} ${part} (${seconds.toFixed(1)} s${code === 0 ? '' : '; the stages that need it will say what is missing'})`);
  }
}

console.log(`\nnpm test finished in ${((Date.now() - startedAt) / 1000).toFixed(0)} s${failedStage ? ` — ${failedStage} failed` : ''}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStage ? 1 : 0);
