/**
 * One-shot topic and ACL provisioning (`npm start`, the compose init
 * container, the Kubernetes Job): creates the contracts' topics that are
 * missing and brings the others to the settings, through the admin API; with
 * KAFKA_MANAGE_ACLS=true it also brings the ACLs to the access table
 * (TOPIC_ACCESS in libs/messaging).
 *
 * Reads KAFKA_BROKERS and the connection variables of the services
 * (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_*: here an admin login);
 * the settings of topicSettingsFromEnv: KAFKA_REPLICATION_FACTOR,
 * KAFKA_MIN_INSYNC_REPLICAS, KAFKA_RETENTION_MS, KAFKA_DEAD_LETTER_RETENTION_MS;
 * and, for the ACLs, KAFKA_PRINCIPAL_<SERVICE> and KAFKA_CONSUMER_GROUP_<SERVICE>
 * when a service logs in under another name than its own. Exits 1 with one
 * line saying why when the settings are wrong or the cluster disagrees with
 * the topic list (a topic with another partition count).
 */
import { ConfigError, describeKafkaSecurity, loadKafkaConnection } from '@newsroom/config';
import { DomainError } from '@newsroom/contracts';
import { accessSettingsFromEnv, provisionTopics, topicSettingsFromEnv } from '@newsroom/messaging';

async function main(): Promise<void> {
  if (!process.env.KAFKA_BROKERS?.trim()) throw new DomainError('TOPICS.INVALID_SETTINGS', 'KAFKA_BROKERS is required, e.g. kafka:9092', 'validation');
  const { brokers, security } = loadKafkaConnection(process.env);
  const settings = topicSettingsFromEnv(process.env);
  const manageAcls = process.env.KAFKA_MANAGE_ACLS?.trim() ?? 'false';
  if (!['true', 'false'].includes(manageAcls)) {
    throw new DomainError('TOPICS.INVALID_SETTINGS', `KAFKA_MANAGE_ACLS must be "true" or "false", not "${manageAcls}"`, 'validation');
  }
  const access = manageAcls === 'true' ? accessSettingsFromEnv(process.env) : undefined;
  const report = await provisionTopics({ brokers, settings, security, access });
  for (const warning of report.warnings) console.warn(JSON.stringify({ level: 'warn', msg: warning }));
  console.log(JSON.stringify({ level: 'info', msg: 'topics provisioned', connection: describeKafkaSecurity(security), settings, ...report }));
}

main().catch((error: unknown) => {
  const code = error instanceof DomainError ? `${error.code}: ` : error instanceof ConfigError ? 'CONFIG.INVALID: ' : '';
  console.error(JSON.stringify({ level: 'error', msg: `${code}${error instanceof Error ? error.message : String(error)}` }));
  process.exit(1);
});
