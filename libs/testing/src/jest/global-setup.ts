import { ensureBrokerBinary } from '../broker-binary';
import { prepareApacheKafka } from '../kafka/apache-kafka';
import { KAFKA_VERSION, kafkaCacheDir } from '../kafka/kafka-distribution';
import { DEFAULT_ADMIN_URL, ensureMachinePostgres } from '../postgres';

/**
 * Infrastructure the integration and end-to-end suites need, once per run:
 * PostgreSQL, and the broker's jars (fetched on the first run) so that no
 * suite pays for the download. Without Java 17 the run fails here with one
 * line saying so; only NEWSROOM_BROKER=mock runs the suites on the mock.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  if (!(await ensureMachinePostgres(adminUrl))) {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl} and could not be started or installed`);
  }
  // Read here without the alias-free broker-kind helper (local-broker.ts imports workspace libraries).
  const broker = (process.env.NEWSROOM_BROKER ?? '').trim().toLowerCase();
  if (broker === 'mock') {
    ensureBrokerBinary();
    return;
  }
  if (broker !== '' && broker !== 'kafka') throw new Error(`NEWSROOM_BROKER must be "kafka" (the default) or "mock", not "${process.env.NEWSROOM_BROKER}"`);
  const distribution = await prepareApacheKafka((line) => console.log(`[kafka] ${line}`));
  console.log(`[kafka] the suites run Apache Kafka ${KAFKA_VERSION} on Java ${distribution.javaVersion} (jars in ${kafkaCacheDir()})`);
}
