// No workspace aliases here: jest's global setup loads this file without them.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

import { WORKSPACE_ROOT } from './workspace-root';
const SOURCE = path.join(WORKSPACE_ROOT, 'tools/kafka-mock/kafka-mock.c');
const BINARY = path.join(WORKSPACE_ROOT, 'tools/kafka-mock/kafka-mock');
const HEADER = '/usr/include/librdkafka/rdkafka_mock.h';

/** Builds the broker launcher from its C source, installing librdkafka-dev when it is missing. */
export function ensureBrokerBinary(): string {
  if (!existsSync(HEADER)) installLibrdkafka();
  const stale = !existsSync(BINARY) || statSync(BINARY).mtimeMs < statSync(SOURCE).mtimeMs;
  if (stale) {
    execFileSync('gcc', ['-O2', '-Wall', '-o', BINARY, SOURCE, '-lrdkafka', '-ldl'], { stdio: 'inherit' });
  }
  return BINARY;
}

function installLibrdkafka(): void {
  if (process.getuid?.() !== 0) {
    throw new Error(`librdkafka-dev is missing (${HEADER}); install it with: sudo apt-get install -y librdkafka-dev`);
  }
  console.log('Installing librdkafka-dev (local Kafka-protocol broker)...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'librdkafka-dev', 'gcc', 'libc6-dev'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

