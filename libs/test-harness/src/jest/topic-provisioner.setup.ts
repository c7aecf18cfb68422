/**
 * Jest set-up file (integration and e2e projects; `npm run bench` preloads it
 * too): every broker that startLocalBroker() starts gets its topics through
 * libs/messaging's provisioning, the same code the compose init container and
 * the Kubernetes Job run. A single node takes one copy of each partition; a
 * three-node cluster three copies with two in sync, as in production.
 */
import { provisionTopics } from '@newsroom/messaging';
import { useTopicProvisioner } from '@newsroom/testing';

useTopicProvisioner(async (brokers, topics) => {
  const replicationFactor = Math.min(3, brokers.length);
  await provisionTopics({
    brokers,
    topics,
    settings: { replicationFactor, minInsyncReplicas: Math.max(1, replicationFactor - 1), retentionMs: -1, deadLetterRetentionMs: -1 },
  });
});
