/**
 * Every Kafka topic the newsroom uses. One topic per producing service, each with
 * a dead-letter twin for events that a consumer cannot process.
 *
 * This list is the single source for provisioning: the local broker, the compose
 * init container and the Kubernetes Job all create exactly these topics.
 */
export const TOPICS = {
  drafting: 'newsroom.drafting.article.v1',
  review: 'newsroom.review.article.v1',
  publishing: 'newsroom.publishing.article.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const DEAD_LETTER_SUFFIX = '.dlq';

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

/** Partitions per topic. Keyed by article id, so one article's events stay ordered. */
export const TOPIC_PARTITIONS = 3;

export interface TopicSpec {
  name: string;
  partitions: number;
}

export function allTopicSpecs(): TopicSpec[] {
  return Object.values(TOPICS).flatMap((topic) => [
    { name: topic, partitions: TOPIC_PARTITIONS },
    { name: deadLetterTopicOf(topic), partitions: 1 },
  ]);
}
