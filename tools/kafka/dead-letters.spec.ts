import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs the dead-letter command from its source, against a port nothing listens on. */
function dlq(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', path.join(ROOT, 'tools/kafka/dead-letters.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_BROKERS: '127.0.0.1:9', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run dlq: usage errors before the broker is asked anything', () => {
  it.each([['abc'], ['1:2:3']])('refuses replay at position %p with the usage and exit 2, at once', (position) => {
    const run = dlq('replay', 'newsroom.drafting.article.v1', position);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`<partition>:<offset> is two whole numbers, as \`list\` prints them (e.g. 0:12); got "${position}"`);
    // Nothing from the Kafka client: it was never started.
    expect(run.stderr).not.toMatch(/kafkajs|ECONNREFUSED/);
  });

  it('refuses replay without a position the same way', () => {
    const run = dlq('replay', 'newsroom.drafting.article.v1');
    expect([run.status, run.stderr.split('\n')[1]]).toEqual([2, '<partition>:<offset> is two whole numbers, as `list` prints them (e.g. 0:12); got nothing']);
  });

  it('refuses an unknown topic by listing the known ones', () => {
    const run = dlq('list', 'no.such.topic');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^unknown topic "no\.such\.topic"; one of:\n {2}newsroom\./);
  });
});

describe('npm run dlq --help', () => {
  it.each([['--help'], ['-h']])('answers %s on stdout with exit 0: the usage, both verbs and every topic, without the broker', (flag) => {
    const run = dlq(flag);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout.split('\n')[0]).toBe('usage: npm run -s dlq -- list <topic> | replay <topic> <partition>:<offset>');
    expect(run.stdout).toMatch(/^ {2}list <topic> .*\n {2}replay <topic> <partition>:<offset> /m);
    expect(run.stdout).toContain('\n  newsroom.publishing.article.v1.dlq');
  });
});
