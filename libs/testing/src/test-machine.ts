import { ensureBrokerBinary } from './broker-binary';
import { ensureChromium } from './browser/chromium';
import { prepareApacheKafka } from './kafka/apache-kafka';
import { brokerKindFromEnv } from './local-broker';
import { DEFAULT_ADMIN_URL, ensureMachinePostgres } from './postgres';

/**
 * The parts of a machine the test stages need beyond node_modules:
 * - `packages`: Debian packages, installed with apt-get one after another (apt holds a lock):
 *   PostgreSQL running; librdkafka and the mock broker's launcher built from it when `mock` is
 *   set (the relay's protocol-error suite runs on the mock, and every suite does with
 *   NEWSROOM_BROKER=mock); chromium when `browser` is set;
 * - `kafka`: Apache Kafka's jars from Maven Central and the broker's class-data archive.
 */
export type TestMachinePart = 'packages' | 'kafka';

/**
 * Gets one part of what the test stages need on this machine, each thing fetched or installed
 * once per machine and found at once afterwards. `npm test` runs both parts in processes of
 * their own while it lints and type-checks (both mostly wait on the network and apt, and the
 * checks keep the cores busy), so on a new machine no test stage waits for a download. Every
 * stage still makes sure of what it needs itself; this only gets there first.
 *
 * @returns what could not be prepared, one line each (the stage that needs it says so again)
 */
export async function prepareTestMachine(
  part: TestMachinePart,
  { browser = false, mock = false, log = console.log }: { browser?: boolean; mock?: boolean; log?: (line: string) => void } = {},
): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (what: string, work: () => unknown): Promise<void> => {
    try {
      await work();
    } catch (error) {
      problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const broker = brokerKindFromEnv();
  if (part === 'kafka') {
    if (broker === 'kafka') await attempt('Apache Kafka', () => prepareApacheKafka((line) => log(`[kafka] ${line}`)));
    return problems;
  }
  await attempt('PostgreSQL', async () => {
    if (!(await ensureMachinePostgres(process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL))) throw new Error('not reachable, and it could not be started or installed');
  });
  if (mock || broker === 'mock') await attempt('the mock broker', () => ensureBrokerBinary());
  if (browser) await attempt('Chromium', () => ensureChromium(log));
  return problems;
}
