import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { allTopicSpecs, type TopicSpec } from '@newsroom/contracts';
import { ensureBrokerBinary } from './broker-binary';

export interface LocalBrokerOptions {
  /** Number of brokers in the cluster (default 3, so leader moves and outages can be tested). */
  brokers?: number;
  /** First port; brokers take consecutive ports. Omit for free ports (tests). */
  port?: number;
  topics?: TopicSpec[];
}

/**
 * A running local Kafka-protocol cluster (librdkafka's mock brokers on
 * 127.0.0.1) with the newsroom's topics created.
 */
export interface LocalBroker {
  /** e.g. ['127.0.0.1:40001', '127.0.0.1:40002', ...] */
  readonly brokers: string[];
  readonly bootstrap: string;
  /** Sends a control command (`down 1`, `up 1`, `leader <topic> <p> <broker>`, `rtt 1 500`, `errors <apiKey> <err> <n>`). */
  command(line: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startLocalBroker(options: LocalBrokerOptions = {}): Promise<LocalBroker> {
  const binary = ensureBrokerBinary();
  const topics = (options.topics ?? allTopicSpecs()).map((t) => `${t.name}:${t.partitions}`);
  const args = ['--brokers', String(options.brokers ?? 3), ...(options.port ? ['--port', String(options.port)] : []), ...topics];
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
    const timer = setTimeout(() => reject(new Error(`local broker did not start in 10 s: ${stderr}`)), 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local broker exited with code ${code}: ${stderr.trim()}`));
    });
    lines.once('line', (line) => {
      clearTimeout(timer);
      if (line.startsWith('READY ')) resolve(line.slice('READY '.length).trim());
      else reject(new Error(`unexpected output from local broker: ${line}`));
    });
  });
  lines.on('line', (line) => pending.shift()?.(line));

  let stopped: Promise<void> | undefined;
  return {
    brokers: bootstrap.split(','),
    bootstrap,
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
