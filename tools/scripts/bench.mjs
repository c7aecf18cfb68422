#!/usr/bin/env node
// npm run bench -- [--subscribers N] [--only fanout,page,latency] …: the service against its raw ceilings (see e2e/bench/bench.ts).
import path from 'node:path';
import { ROOT, build, ensureDependencies, mustRun } from './bootstrap.mjs';

ensureDependencies();
build();
// The topic provisioner is what jest's set-up file installs for the suites; the benchmark starts its broker the same way.
const provisioner = path.join(ROOT, 'libs/test-harness/src/jest/topic-provisioner.setup.ts');
mustRun('benchmark', process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', '-r', provisioner, path.join(ROOT, 'e2e/bench/bench.ts'), ...process.argv.slice(2)], {
  env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), KAFKAJS_NO_PARTITIONER_WARNING: '1' },
});
