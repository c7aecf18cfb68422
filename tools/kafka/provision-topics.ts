/**
 * One-shot topic provisioning (the compose init container, the Kubernetes Job):
 * creates the contracts' topics that are missing and brings the others to the
 * settings, through the admin API. Reads KAFKA_BROKERS and the settings of
 * topicSettingsFromEnv: KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS,
 * KAFKA_RETENTION_MS, KAFKA_DEAD_LETTER_RETENTION_MS. Exits 1 with one line
 * saying why when the settings are wrong or the cluster disagrees with the
 * topic list (a topic with another partition count).
 */
import { DomainError } from '@newsroom/contracts';
import { provisionTopics, topicSettingsFromEnv } from '@newsroom/messaging';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').map((broker) => broker.trim()).filter(Boolean);
  if (brokers.length === 0) throw new DomainError('TOPICS.INVALID_SETTINGS', 'KAFKA_BROKERS is required, e.g. kafka:9092', 'validation');
  const settings = topicSettingsFromEnv(process.env);
  const report = await provisionTopics({ brokers, settings });
  for (const warning of report.warnings) console.warn(JSON.stringify({ level: 'warn', msg: warning }));
  console.log(JSON.stringify({ level: 'info', msg: 'topics provisioned', settings, ...report }));
}

main().catch((error: unknown) => {
  const code = error instanceof DomainError ? `${error.code}: ` : '';
  console.error(JSON.stringify({ level: 'error', msg: `${code}${error instanceof Error ? error.message : String(error)}` }));
  process.exit(1);
});
