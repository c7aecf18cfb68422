// No workspace aliases here: jest's global setup loads this file without them.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';

import type { KafkaDistribution } from './kafka-distribution';

/**
 * Runs `"$@"` (the JVM) in place of this shell, so the JVM keeps the pid the
 * launcher knows, while a background reader holds the launcher's stdin pipe:
 * when the launcher goes away for any reason (Ctrl-C, a crash, SIGKILL, jest
 * exiting) the pipe closes and the reader stops the JVM — first politely, then
 * for good. A stopped (SIGSTOP) JVM is continued first so it can act on it.
 * If the launcher itself is gone ($PPID), the reader also deletes the
 * throwaway data directory it was given, which the launcher can no longer do.
 */
const WATCH_PARENT = [
  'exec 3<&0',
  '(',
  '  cat <&3 >/dev/null',
  '  if kill -0 $$ 2>/dev/null; then',
  '    kill -CONT $$ 2>/dev/null; kill -TERM $$ 2>/dev/null',
  '    i=0; while [ $i -lt 40 ] && kill -0 $$ 2>/dev/null; do sleep 0.5; i=$((i+1)); done',
  '    kill -KILL $$ 2>/dev/null',
  '  fi',
  '  if [ -n "$NEWSROOM_KAFKA_THROWAWAY_DIR" ] && ! kill -0 $PPID 2>/dev/null; then rm -rf "$NEWSROOM_KAFKA_THROWAWAY_DIR"; fi',
  ') &',
  'exec "$@" 3<&- </dev/null',
].join('\n');

export interface KafkaNodeConfig {
  nodeId: number;
  /** The PLAINTEXT listener clients connect to, on 127.0.0.1. */
  port: number;
  /** This node's KRaft controller listener, on 127.0.0.1. */
  controllerPort: number;
  /** Holds server.properties, log4j2.properties, data/ and the logs. */
  dir: string;
  /** Broker settings written to server.properties as given. */
  properties: Record<string, string | number | boolean>;
  /** JVM heap limit in MiB. */
  heapMb: number;
  /**
   * A temporary directory holding this node's data, deleted if the launcher
   * dies without stopping the node (its normal stop deletes it itself).
   */
  throwawayDir?: string;
}

/**
 * One Apache Kafka JVM (broker and KRaft controller in one process) that a test
 * can start, stop, kill (SIGKILL) or freeze (SIGSTOP) for real.
 */
export class KafkaNode {
  private child?: ChildProcess;
  private exit?: Promise<void>;

  constructor(
    private readonly distribution: KafkaDistribution,
    readonly config: KafkaNodeConfig,
  ) {
    mkdirSync(this.dataDir, { recursive: true });
    writeFileSync(this.propertiesFile, propertiesText(config.properties));
    writeFileSync(this.log4jFile, log4jProperties(this.serverLog));
  }

  get id(): number {
    return this.config.nodeId;
  }

  /** `127.0.0.1:<port>` */
  get address(): string {
    return `127.0.0.1:${this.config.port}`;
  }

  get dataDir(): string {
    return path.join(this.config.dir, 'data');
  }

  /** The broker's own log (log4j), kept after it stops. */
  get serverLog(): string {
    return path.join(this.config.dir, 'server.log');
  }

  /** The JVM's pid while it runs. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  private get propertiesFile(): string {
    return path.join(this.config.dir, 'server.properties');
  }

  private get log4jFile(): string {
    return path.join(this.config.dir, 'log4j2.properties');
  }

  /** True once the log directory holds a formatted KRaft store (a restart skips formatting). */
  get formatted(): boolean {
    return existsSync(path.join(this.dataDir, 'meta.properties'));
  }

  /**
   * Formats the log directory for `clusterId` (the storage tool's
   * `format -t <id> -c server.properties`, plus `quorumArgs` such as
   * `--standalone`) unless it is formatted already.
   */
  async format(clusterId: string, quorumArgs: string[]): Promise<void> {
    if (this.formatted) return;
    const args = [...this.jvmArgs(), 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', this.propertiesFile, ...quorumArgs];
    const output: string[] = [];
    const child = spawn(this.distribution.java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`formatting ${this.dataDir} failed (exit code ${code}): ${output.join('').trim().split('\n').slice(-5).join(' | ')}`);
  }

  /**
   * Starts the JVM and resolves once the broker logs that it started (it has
   * joined the quorum and opened its client listener). Rejects with the last
   * log lines if it exits first or takes longer than `timeoutMs`.
   * `extraJvmArgs` is for one-off runs (recording the class-data archive).
   */
  async start(timeoutMs = 60_000, extraJvmArgs: string[] = []): Promise<void> {
    if (this.running) return;
    const logOffset = existsSync(this.serverLog) ? statSync(this.serverLog).size : 0;
    const stdoutLog = openSync(path.join(this.config.dir, 'stdout.log'), 'a');
    const args = [...this.jvmArgs(), ...extraJvmArgs, 'kafka.Kafka', this.propertiesFile];
    // Its own process group: a terminal's Ctrl-C reaches `npm start`, which stops
    // the services before the broker, not the broker first.
    const child = spawn('sh', ['-c', WATCH_PARENT, 'newsroom-kafka', this.distribution.java, ...args], {
      detached: true,
      stdio: ['pipe', stdoutLog, stdoutLog],
      env: { ...process.env, NEWSROOM_KAFKA_THROWAWAY_DIR: this.config.throwawayDir ?? '' },
    });
    closeSync(stdoutLog);
    // Never keeps the launcher alive on its own; when the launcher exits, the pipe closes and the JVM stops.
    child.unref();
    (child.stdin as Socket | null)?.unref();
    this.child = child;
    this.exit = new Promise<void>((resolve) => {
      child.once('exit', () => {
        child.stdin?.destroy();
        resolve();
      });
    });
    await this.waitUntilStarted(child, logOffset, timeoutMs);
  }

  /** Sends `signal` to the JVM: SIGKILL for a crash, SIGSTOP/SIGCONT for a hung broker. */
  kill(signal: NodeJS.Signals): void {
    const pid = this.pid;
    if (pid === undefined) throw new Error(`Kafka node ${this.id} is not running`);
    process.kill(pid, signal);
  }

  /** Freezes the JVM (SIGSTOP): it holds its connections but answers nothing, like a hung machine. */
  pause(): void {
    this.kill('SIGSTOP');
  }

  resume(): void {
    this.kill('SIGCONT');
  }

  /** Waits for the JVM to exit (after a kill). */
  async exited(): Promise<void> {
    await this.exit;
  }

  /**
   * Stops the JVM: gracefully (SIGTERM: a controlled shutdown that hands its
   * partitions over) unless `graceful` is false, then SIGKILL after `timeoutMs`.
   */
  async stop({ graceful = true, timeoutMs = 20_000 } = {}): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const pid = child.pid!;
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(pid, name);
      } catch {
        // already gone
      }
    };
    signal('SIGCONT');
    signal(graceful ? 'SIGTERM' : 'SIGKILL');
    const timer = setTimeout(() => signal('SIGKILL'), graceful ? timeoutMs : 5000);
    await this.exit;
    clearTimeout(timer);
  }

  async restart(timeoutMs?: number): Promise<void> {
    await this.stop();
    await this.start(timeoutMs);
  }

  /** The version the running broker reported in its log. */
  reportedVersion(): string | undefined {
    if (!existsSync(this.serverLog)) return undefined;
    const matches = [...readFileSync(this.serverLog, 'utf8').matchAll(/Kafka version: (\S+)/g)];
    return matches[matches.length - 1]?.[1];
  }

  private jvmArgs(): string[] {
    const archive = this.distribution.classDataArchive;
    return [
      `-Xmx${this.config.heapMb}m`,
      '-Xms32m',
      '-Xss512k',
      // A small node that starts fast: one GC thread, the quick JIT tier only,
      // and the recorded class-data archive (see ensureKafkaDistribution).
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-XX:-UsePerfData',
      '-XX:+ExitOnOutOfMemoryError',
      '-Xshare:auto',
      ...(archive ? [`-XX:SharedArchiveFile=${archive}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off'] : []),
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${this.log4jFile}`,
      `-Dkafka.logs.dir=${this.config.dir}`,
      '-cp',
      this.distribution.classpath,
    ];
  }

  private async waitUntilStarted(child: ChildProcess, logOffset: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let offset = logOffset;
    let pending = '';
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Kafka node ${this.id} exited (${child.exitCode ?? child.signalCode}) while starting: ${this.lastProblems()}`);
      }
      if (existsSync(this.serverLog)) {
        const size = statSync(this.serverLog).size;
        if (size < offset) offset = 0; // the log rolled over
        if (size > offset) {
          const fd = openSync(this.serverLog, 'r');
          const buffer = Buffer.alloc(size - offset);
          readSync(fd, buffer, 0, buffer.length, offset);
          closeSync(fd);
          offset = size;
          pending += buffer.toString('utf8');
          if (pending.includes('Kafka Server started')) return;
          pending = pending.slice(-200);
        }
      }
      if (Date.now() > deadline) {
        await this.stop({ graceful: false });
        throw new Error(`Kafka node ${this.id} did not start within ${timeoutMs} ms: ${this.lastProblems()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The last errors of the broker's logs, for a start-up failure message. */
  private lastProblems(): string {
    const lines = [this.serverLog, path.join(this.config.dir, 'stdout.log')]
      .filter((file) => existsSync(file))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n'))
      .filter((line) => /ERROR|FATAL|Exception|Error:/.test(line));
    return lines.length > 0 ? lines.slice(-3).join(' | ') : `no error logged; see ${this.config.dir}`;
  }
}

function propertiesText(properties: Record<string, string | number | boolean>): string {
  return `${Object.entries(properties)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')}\n`;
}

/** INFO to a size-capped file, without the start-up dump of every setting. */
function log4jProperties(file: string): string {
  return `status = error
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = ${file}
appender.file.filePattern = ${file}.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 2
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.settings.name = org.apache.kafka.common.config.AbstractConfig
logger.settings.level = WARN
`;
}
