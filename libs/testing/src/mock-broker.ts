import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TopicSpec } from '@newsroom/contracts';
import { ensureBrokerBinary } from './broker-binary';

export interface MockBrokerOptions {
  /** Number of brokers in the mock cluster (default 3, so leader moves and outages can be injected). */
  nodes?: number;
  /** First port; brokers take consecutive ports. Omit for free ports (tests). */
  port?: number;
  topics: TopicSpec[];
}

/**
 * librdkafka's mock cluster (tools/kafka-mock): a Kafka-protocol broker in one
 * small process, for machines without Java and for injecting protocol errors
 * that a real broker does not produce on demand. It creates the topics itself
 * (it has no admin API).
 */
export interface MockBroker {
  readonly kind: 'mock';
  /** e.g. ['127.0.0.1:40001', '127.0.0.1:40002', ...] */
  readonly brokers: string[];
  readonly bootstrap: string;
  readonly version: string;
  /** Sends a fault command (`down 1`, `up 1`, `leader <topic> <p> <broker>`, `rtt 1 500`, `errors <apiKey> <err> <n>`). */
  command(line: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startMockBroker(options: MockBrokerOptions): Promise<MockBroker> {
  const binary = ensureBrokerBinary();
  const topics = options.topics.map((t) => `${t.name}:${t.partitions}`);
  const args = ['--brokers', String(options.nodes ?? 3), ...(options.port ? ['--port', String(options.port)] : []), ...topics];
  // Its own process group: a terminal's Ctrl-C must not stop the broker before the
  // services using it have shut down. It still exits when its parent goes away
  // (stdin closes), so it is never left behind.
  const child: ChildProcessWithoutNullStreams = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const lines = createInterface({ input: child.stdout });
  const pending: ((line: string) => void)[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const bootstrap = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mock broker did not start in 10 s: ${stderr}`)), 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock broker exited with code ${code}: ${stderr.trim()}`));
    });
    lines.once('line', (line) => {
      clearTimeout(timer);
      if (line.startsWith('READY ')) resolve(line.slice('READY '.length).trim());
      else reject(new Error(`unexpected output from the mock broker: ${line}`));
    });
  });
  lines.on('line', (line) => pending.shift()?.(line));

  let stopped: Promise<void> | undefined;
  return {
    kind: 'mock',
    brokers: bootstrap.split(','),
    bootstrap,
    version: 'librdkafka mock cluster',
    command(line: string) {
      return new Promise<string>((resolve, reject) => {
        pending.push((reply) => (reply.startsWith('OK') ? resolve(reply) : reject(new Error(reply))));
        child.stdin.write(`${line}\n`);
      });
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.stdin.end('quit\n');
      });
      return stopped;
    },
  };
}
