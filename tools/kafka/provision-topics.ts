/**
 * One-shot topic provisioning for real Kafka clusters (compose init container,
 * Kubernetes Job). Reads KAFKA_BROKERS and KAFKA_REPLICATION_FACTOR.
 */
import { provisionTopics } from '@newsroom/messaging';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is required, e.g. kafka:9092');
  const replication = Number(process.env.KAFKA_REPLICATION_FACTOR ?? '1');
  if (!Number.isInteger(replication) || replication < 1) throw new Error('KAFKA_REPLICATION_FACTOR must be a positive integer');
  const created = await provisionTopics(brokers, replication);
  console.log(JSON.stringify({ msg: 'topics provisioned', created }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
