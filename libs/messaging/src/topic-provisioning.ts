import { allTopicSpecs, type TopicSpec } from '@newsroom/contracts';
import { createKafka } from './kafka-client';

/**
 * Creates every topic of the contracts' topic list that does not exist yet, on
 * a real Kafka cluster (the compose init container and the Kubernetes Job run
 * this). Services never create topics at run time.
 */
export async function provisionTopics(
  brokers: string[],
  replicationFactor: number,
  topics: TopicSpec[] = allTopicSpecs(),
): Promise<string[]> {
  const admin = createKafka('newsroom-topic-provisioner', brokers).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic: topic.name, numPartitions: topic.partitions, replicationFactor })),
      });
    }
    return missing.map((topic) => topic.name);
  } finally {
    await admin.disconnect();
  }
}
