import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError, deadLetterTopicOf, type DeadLetterDetail, type DeadLetterList, type DeadLetterReplay, type DeadLetterSummary } from '@newsroom/contracts';
import {
  DLQ_HEADERS,
  MESSAGING_OPTIONS,
  TOPIC_ACCESS,
  deadLetterReaderPrefix,
  isAuthorizationFailure,
  readDeadLetters,
  replayDeadLetter,
  resolveMessagingOptions,
  type DeadLetter,
  type MessagingOptions,
  type NewsroomService,
} from '@newsroom/messaging';

// The API's JSON shapes live in contracts, where the desk's screen reads them too.
export type { DeadLetterDetail, DeadLetterList, DeadLetterSummary };

/**
 * Dead letters of this service's consumer group, for editors and admins over HTTP:
 * list, inspect, replay one or all. A replay sends the original message back to its
 * source topic unchanged (libs/messaging's replayDeadLetter, as `npm run dlq` does); the
 * consumers' inboxes make a repeat harmless. Every replay is recorded in
 * `dead_letter_audit` (who, when, which) before it is sent.
 */
@Injectable()
export class DeadLetterDesk {
  private readonly logger = new Logger(DeadLetterDesk.name);
  private readonly options: Required<MessagingOptions>;

  constructor(
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.options = resolveMessagingOptions(options);
  }

  /** The topics this service consumes: their dead-letter twins are the desk's. */
  get topics(): readonly string[] {
    return TOPIC_ACCESS[this.options.serviceName as NewsroomService]?.consumes ?? [];
  }

  async list(): Promise<DeadLetterList> {
    const topics = await Promise.all(
      this.topics.map(async (topic) => ({ topic, deadLetterTopic: deadLetterTopicOf(topic), letters: (await this.lettersOf(topic)).map(({ summary }) => summary) })),
    );
    return { consumer: this.options.consumerGroup, topics };
  }

  /** DEAD_LETTER.UNKNOWN_TOPIC (404) for a topic this service does not consume; DEAD_LETTER.NOT_FOUND (404). */
  async inspect(topic: string, partition: number, offset: string): Promise<DeadLetterDetail> {
    const { letter, summary } = await this.find(topic, partition, offset);
    return { ...summary, key: letter.key, headers: letter.headers, value: letter.value, event: parseJson(letter.value) };
  }

  async replayOne(topic: string, partition: number, offset: string, actor: string): Promise<DeadLetterSummary> {
    const found = await this.find(topic, partition, offset);
    return this.replay(found.letter, found.summary, actor);
  }

  /** Replays this consumer's letters on `topic` in offset order; those replayed before only with `includeReplayed`. */
  async replayAll(topic: string, actor: string, includeReplayed: boolean): Promise<{ replayed: DeadLetterSummary[]; skipped: number }> {
    const letters = await this.lettersOf(this.known(topic));
    const chosen = letters.filter(({ summary }) => includeReplayed || summary.replays.length === 0);
    const replayed: DeadLetterSummary[] = [];
    for (const { letter, summary } of chosen) replayed.push(await this.replay(letter, summary, actor));
    return { replayed, skipped: letters.length - chosen.length };
  }

  private async replay(letter: DeadLetter, summary: DeadLetterSummary, actor: string): Promise<DeadLetterSummary> {
    if (!letter.sourceTopic) throw new DomainError('DEAD_LETTER.NO_SOURCE', `Dead letter ${summary.id} does not name the topic it came from`, 'conflict');
    // Recorded before it is sent, and struck out again if the send fails: a replay the broker refused
    // is not recorded as made, and no transaction stays open while the producer talks to the broker.
    const [row] = (await this.dataSource.query(
      `INSERT INTO dead_letter_audit (actor, action, dead_letter_topic, partition, "offset", source_topic, event_id, error)
       VALUES ($1, 'replay', $2, $3, $4, $5, $6, $7) RETURNING id, at`,
      [actor, summary.deadLetterTopic, letter.partition, letter.offset, letter.sourceTopic, summary.eventId, letter.error],
    )) as { id: string; at: Date }[];
    try {
      await replayDeadLetter(this.options.brokers, letter, this.options.security);
    } catch (error) {
      await this.dataSource.query(`DELETE FROM dead_letter_audit WHERE id = $1`, [row.id]);
      throw isAuthorizationFailure(error) ? this.replayNotAllowed(letter) : error;
    }
    this.logger.log({ audit: 'dead-letter-replay', actor, deadLetterTopic: summary.deadLetterTopic, letter: summary.id, eventId: summary.eventId }, 'dead letter replayed');
    return { ...summary, replays: [...summary.replays, { at: row.at.toISOString(), actor }] };
  }

  /**
   * On a secured cluster only a topic's producer may write it, and the topics a service consumes
   * are other services' (topic-access.ts): its own replay is refused, and an operator replays.
   */
  private replayNotAllowed(letter: DeadLetter): DomainError {
    return new DomainError(
      'DEAD_LETTER.REPLAY_NOT_ALLOWED',
      `${this.options.serviceName} may not write ${letter.sourceTopic} on this cluster: only its producer may. ` +
        `Replay it with an operator's login: npm run -s dlq -- replay ${letter.sourceTopic} ${letter.partition}:${letter.offset} (docs/runbooks/replay-dead-letters.md)`,
      'forbidden',
    );
  }

  private known(topic: string): string {
    if (!this.topics.includes(topic)) {
      throw new DomainError('DEAD_LETTER.UNKNOWN_TOPIC', `${this.options.serviceName} does not consume ${topic}; it consumes ${this.topics.join(', ') || 'nothing'}`, 'not_found');
    }
    return topic;
  }

  private async find(topic: string, partition: number, offset: string): Promise<{ letter: DeadLetter; summary: DeadLetterSummary }> {
    const found = (await this.lettersOf(this.known(topic))).find(({ letter }) => letter.partition === partition && letter.offset === offset);
    if (!found) throw new DomainError('DEAD_LETTER.NOT_FOUND', `No dead letter of ${this.options.consumerGroup} at ${partition}:${offset} on ${deadLetterTopicOf(topic)}`, 'not_found');
    return found;
  }

  private async lettersOf(topic: string): Promise<{ letter: DeadLetter; summary: DeadLetterSummary }[]> {
    const deadLetterTopic = deadLetterTopicOf(topic);
    const letters = (await readDeadLetters(this.options.brokers, topic, this.options.security, deadLetterReaderPrefix(this.options.consumerGroup))).filter(
      (letter) => letter.consumer === this.options.consumerGroup,
    );
    const replays = (await this.dataSource.query(
      `SELECT partition, "offset"::text AS "offset", at, actor FROM dead_letter_audit WHERE dead_letter_topic = $1 AND action = 'replay' ORDER BY id`,
      [deadLetterTopic],
    )) as { partition: number; offset: string; at: Date; actor: string }[];
    return letters.map((letter) => ({
      letter,
      summary: summaryOf(deadLetterTopic, letter, replays.filter((r) => r.partition === letter.partition && r.offset === letter.offset).map((r) => ({ at: r.at.toISOString(), actor: r.actor }))),
    }));
  }
}

function summaryOf(deadLetterTopic: string, letter: DeadLetter, replays: DeadLetterReplay[]): DeadLetterSummary {
  const event = parseJson(letter.value) as { id?: unknown; type?: unknown; subject?: unknown } | null;
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const number = (value: string | undefined): number | null => (value !== undefined && /^\d+$/.test(value) ? Number(value) : null);
  return {
    id: `${letter.partition}:${letter.offset}`,
    deadLetterTopic,
    partition: letter.partition,
    offset: letter.offset,
    sourceTopic: letter.sourceTopic,
    sourcePartition: number(letter.headers[DLQ_HEADERS.sourcePartition]),
    sourceOffset: letter.headers[DLQ_HEADERS.sourceOffset] ?? null,
    consumer: letter.consumer,
    error: letter.error,
    attempts: number(letter.headers[DLQ_HEADERS.attempts]),
    failedAt: letter.headers[DLQ_HEADERS.failedAt] ?? null,
    eventId: text(event?.id),
    eventType: text(event?.type),
    subject: text(event?.subject),
    replays,
  };
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}
