/**
 * `npm run broker -- [--nodes 3] [--port 19092]`: a broker on its own, for
 * trying things by hand: Apache Kafka (or the mock with NEWSROOM_BROKER=mock)
 * with the newsroom's topics provisioned, until Ctrl-C. Without --port it
 * takes free ports; its data is thrown away when it stops.
 */
import { provisionTopics } from '@newsroom/messaging';
import { startLocalBroker } from '@newsroom/testing';

function option(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive integer, not "${process.argv[index + 1] ?? ''}"`);
  return value;
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[broker] ${line}`);
  const broker = await startLocalBroker({
    nodes: option('nodes'),
    port: option('port'),
    log,
    provisionTopics: async (brokers, topics) => {
      const replicationFactor = Math.min(3, brokers.length);
      const report = await provisionTopics({
        brokers,
        topics,
        settings: { replicationFactor, minInsyncReplicas: Math.max(1, replicationFactor - 1), retentionMs: -1, deadLetterRetentionMs: -1 },
      });
      log(`topics: ${report.created.length} created, replication factor ${replicationFactor}`);
    },
  });
  log(`${broker.kind === 'kafka' ? `Apache Kafka ${broker.version}` : broker.version} at ${broker.bootstrap}; Ctrl-C stops it`);
  const stop = () => {
    void broker.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`[broker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
