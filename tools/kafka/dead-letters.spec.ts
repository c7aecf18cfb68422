import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runDeadLetterCommand } from './dead-letter-command';

const ROOT = path.resolve(__dirname, '../..');
/** A port nothing listens on: a test that reached the broker would fail to connect, not pass. */
const NO_BROKER = { KAFKA_BROKERS: '127.0.0.1:9' };

/** Runs the command in this process, as `npm run dlq -- …args` would, and keeps what it wrote. */
async function dlq(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runDeadLetterCommand(args, NO_BROKER, { out: (line) => stdout.push(`${line}\n`), err: (line) => stderr.push(`${line}\n`) });
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('npm run dlq: usage errors before the broker is asked anything', () => {
  it.each([['abc'], ['1:2:3']])('refuses replay at position %p with the usage and exit 2, at once', async (position) => {
    const run = await dlq('replay', 'newsroom.drafting.article.v1', position);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`<partition>:<offset> is two whole numbers, as \`list\` prints them (e.g. 0:12); got "${position}"`);
    // Nothing from the Kafka client: it was never started.
    expect(run.stderr).not.toMatch(/kafkajs|ECONNREFUSED|cannot reach/);
  });

  it('refuses replay without a position the same way', async () => {
    const run = await dlq('replay', 'newsroom.drafting.article.v1');
    expect([run.status, run.stderr.split('\n')[1]]).toEqual([2, '<partition>:<offset> is two whole numbers, as `list` prints them (e.g. 0:12); got nothing']);
  });

  it('refuses an unknown topic by listing the known ones', async () => {
    const run = await dlq('list', 'no.such.topic');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^unknown topic "no\.such\.topic"; one of:\n {2}newsroom\./);
  });

  it('refuses no verb, or another one, with the usage', async () => {
    for (const args of [[], ['show', 'newsroom.drafting.article.v1']]) {
      const run = await dlq(...args);
      expect([run.status, run.stdout, run.stderr]).toEqual([2, '', 'usage: npm run -s dlq -- list <topic> | replay <topic> <partition>:<offset>\n']);
    }
  });
});

describe('npm run dlq --help', () => {
  it.each([['--help'], ['-h'], ['help']])('answers %s on stdout with exit 0: the usage, both verbs and every topic, without the broker', async (flag) => {
    const run = await dlq(flag);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout.split('\n')[0]).toBe('usage: npm run -s dlq -- list <topic> | replay <topic> <partition>:<offset>');
    expect(run.stdout).toMatch(/^ {2}list <topic> .*\n {2}replay <topic> <partition>:<offset> /m);
    expect(run.stdout).toContain('\n  newsroom.publishing.article.v1.dlq');
  });
});

describe('the dlq command as a process', () => {
  it('exits with the code the command gives, its refusal on stderr and nothing on stdout', () => {
    // From its source, as the compiled command runs (npm run dlq), against a port nothing listens on.
    const run = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', path.join(ROOT, 'tools/kafka/dead-letters.ts'), 'replay', 'newsroom.drafting.article.v1', 'abc'],
      { cwd: ROOT, env: { ...process.env, ...NO_BROKER, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') }, encoding: 'utf8', timeout: 60_000 },
    );
    expect([run.status, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(/^usage: npm run -s dlq -- list <topic> \| replay <topic> <partition>:<offset>\n<partition>:<offset> is two whole numbers/);
  });
});
