// No workspace aliases here: jest's global setup loads this file without them.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { WORKSPACE_ROOT } from '../workspace-root';

/** The Apache Kafka release the tests and `npm start` run (tools/kafka/broker/pom.xml). */
export const KAFKA_VERSION = '4.4.0';
const POM = path.join(WORKSPACE_ROOT, 'tools/kafka/broker/pom.xml');
const MINIMUM_JAVA = 17;

/** Raised when the real broker cannot run here; its message is one line saying why and what to do. */
export class KafkaUnavailableError extends Error {
  constructor(reason: string) {
    super(`Apache Kafka ${KAFKA_VERSION} cannot run: ${reason}`);
    this.name = 'KafkaUnavailableError';
    // One line in jest's and npm start's output: the cause is in the message, not in a stack.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** What it takes to launch the broker: a Java 17+ runtime and the broker's jars. */
export interface KafkaDistribution {
  java: string;
  javaVersion: string;
  /** Every jar of the broker, in a fixed order (the class-data archive records the class path). */
  classpath: string;
  /**
   * A class-data-sharing archive of the classes the broker loads at start-up
   * (created once, see `ensureKafkaDistribution`); it halves the JVM's start-up
   * time. Absent if it could not be created: the broker then starts without it.
   */
  classDataArchive?: string;
}

/** Where the jars are cached: `$NEWSROOM_KAFKA_CACHE`, else `~/.cache/newsroom/kafka-<version>`. */
export function kafkaCacheDir(): string {
  const configured = process.env.NEWSROOM_KAFKA_CACHE;
  if (configured) return path.resolve(configured);
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheHome, 'newsroom', `kafka-${KAFKA_VERSION}`);
}

/** The Java runtime to run the broker with ($JAVA_HOME/bin/java, else `java` on the PATH) and its version. */
export function findJava(): { java: string; version: string; major: number } {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin/java') : 'java';
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new KafkaUnavailableError(
      `no Java runtime (${java} -version failed); install Java ${MINIMUM_JAVA}+ (apt-get install openjdk-17-jre-headless), or set NEWSROOM_BROKER=mock`,
    );
  }
  const match = /version "([^"]+)"/.exec(`${result.stderr}${result.stdout}`);
  const version = match?.[1] ?? 'unknown';
  const parts = version.split('.').map((part) => Number.parseInt(part, 10));
  const major = parts[0] === 1 ? parts[1] : parts[0];
  if (!Number.isInteger(major) || major < MINIMUM_JAVA) {
    throw new KafkaUnavailableError(`Java ${version} is too old (${java}); Kafka 4 needs Java ${MINIMUM_JAVA}+, or set NEWSROOM_BROKER=mock`);
  }
  return { java, version, major };
}

/** The cached jars, or undefined when they have not been fetched yet. */
export function cachedKafkaJars(): string[] | undefined {
  const jarsDir = path.join(kafkaCacheDir(), 'jars');
  if (!existsSync(jarsDir)) return undefined;
  const jars = readdirSync(jarsDir)
    .filter((name) => name.endsWith('.jar'))
    .sort();
  if (!jars.some((name) => name.startsWith(`kafka_2.13-${KAFKA_VERSION}`))) return undefined;
  return jars.map((name) => path.join(jarsDir, name));
}

/**
 * Makes the real broker runnable: checks Java 17+, fetches the broker's jars
 * from Maven Central into the cache once (`mvn dependency:copy-dependencies`
 * on tools/kafka/broker/pom.xml; ~/.m2 keeps them too), and records the
 * class-data archive. Progress goes to `log`. Throws KafkaUnavailableError
 * with one line when Java, Maven or the network is missing.
 */
export async function ensureKafkaDistribution(log: (line: string) => void = () => undefined): Promise<KafkaDistribution> {
  const { java, version } = findJava();
  let jars = cachedKafkaJars();
  if (!jars) {
    await fetchJars(log);
    jars = cachedKafkaJars();
    if (!jars) throw new KafkaUnavailableError(`Maven finished but ${path.join(kafkaCacheDir(), 'jars')} holds no kafka_2.13-${KAFKA_VERSION} jar`);
  }
  const classpath = jars.join(path.delimiter);
  const archive = classDataArchivePath(version);
  return { java, javaVersion: version, classpath, classDataArchive: existsSync(archive) ? archive : undefined };
}

/** The class-data archive belongs to one Java build and one set of jars. */
export function classDataArchivePath(javaVersion: string): string {
  return path.join(kafkaCacheDir(), `classes-java-${javaVersion.replace(/[^\w.-]/g, '_')}.jsa`);
}

async function fetchJars(log: (line: string) => void): Promise<void> {
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) {
    throw new KafkaUnavailableError('Maven (mvn) is needed once to fetch the broker jars; install it (apt-get install maven), or set NEWSROOM_BROKER=mock');
  }
  const cacheDir = kafkaCacheDir();
  mkdirSync(cacheDir, { recursive: true });
  // Into a private directory first, then renamed: two processes fetching at once
  // never see each other's half-copied jars.
  const staging = path.join(cacheDir, `jars.fetching-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const startedAt = Date.now();
  log(`fetching Apache Kafka ${KAFKA_VERSION} from Maven Central into ${cacheDir} (once)…`);
  const args = ['-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime'];
  const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  let downloaded = 0;
  let lastReport = Date.now();
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    if (line.includes('Downloaded from')) {
      downloaded += 1;
      if (Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        log(`  … ${downloaded} files downloaded (${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
      }
    }
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    const reason = tail.find((line) => line.startsWith('[ERROR]')) ?? tail[tail.length - 1] ?? 'no output';
    throw new KafkaUnavailableError(`fetching the jars with Maven failed (exit code ${code}): ${reason.replace(/^\[ERROR\]\s*/, '')}`);
  }
  const target = path.join(cacheDir, 'jars');
  if (cachedKafkaJars()) {
    rmSync(staging, { recursive: true, force: true }); // another process finished first
  } else {
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  }
  const bytes = readdirSync(target).reduce((sum, name) => sum + statSync(path.join(target, name)).size, 0);
  log(`fetched ${readdirSync(target).length} jars (${(bytes / 1e6).toFixed(0)} MB) in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
}
