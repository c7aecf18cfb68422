/**
 * The JSON of every consuming service's `/v1/dead-letters` API (libs/observability), as the
 * desk's dead-letters screen reads it: one declaration for the server and its client.
 */

/** One replay of a dead letter, from the audit table: when (ISO 8601) and by whom (a user id). */
export interface DeadLetterReplay {
  at: string;
  actor: string;
}

/** A dead letter as the desk lists it: where it came from, why it failed, and its replays. */
export interface DeadLetterSummary {
  /** `partition:offset` on the dead-letter topic; the letter's id in the URLs. */
  id: string;
  deadLetterTopic: string;
  partition: number;
  /** Kafka offsets are 64-bit: strings, as kafkajs gives them. */
  offset: string;
  sourceTopic: string;
  sourcePartition: number | null;
  sourceOffset: string | null;
  consumer: string;
  error: string;
  attempts: number | null;
  failedAt: string | null;
  eventId: string | null;
  eventType: string | null;
  /** What the event is about (its CloudEvents `subject`): an article id, or `site:sections`. */
  subject: string | null;
  replays: DeadLetterReplay[];
}

/** The whole letter: its key, every header and the original value (parsed when it is JSON). */
export interface DeadLetterDetail extends DeadLetterSummary {
  key: string | null;
  headers: Record<string, string>;
  value: string;
  event: unknown;
}

/** GET /v1/dead-letters: the service's consumer group and its letters by consumed topic. */
export interface DeadLetterList {
  consumer: string;
  topics: { topic: string; deadLetterTopic: string; letters: DeadLetterSummary[] }[];
}
