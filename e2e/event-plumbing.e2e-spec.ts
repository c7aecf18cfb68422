/**
 * The event plumbing between two real services: drafting writes a draft and
 * its `submitted` event in one transaction, the outbox relay publishes it, and
 * editorial review consumes it, records it in its inbox and creates the review
 * item. A redelivered event changes nothing; an invalid one is dead-lettered.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { Client } from 'pg';
import { TOPICS, deadLetterTopicOf } from '@newsroom/contracts';
import { NewsroomUnderTest, eventually } from './support/newsroom-under-test';

jest.setTimeout(180_000);

const reporter = { role: 'reporter' as const, user: 'plumbing-reporter' };
const editor = { role: 'editor' as const, user: 'plumbing-editor' };

describe('event plumbing between services', () => {
  let newsroom: NewsroomUnderTest;
  let db: Client;

  beforeAll(async () => {
    newsroom = await NewsroomUnderTest.start(['drafting', 'editorial-review']);
    db = new Client({ connectionString: newsroom.db.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await newsroom?.stop();
  });

  it("has each service write its log file itself, so a line is there before the service's next effect", () => {
    for (const service of ['drafting', 'editorial-review'] as const) {
      const { process: child, logFile } = newsroom.services[service];
      for (const fd of [1, 2]) expect(readlinkSync(`/proc/${child.pid}/fd/${fd}`)).toBe(path.resolve(logFile));
    }
    // Started and ready: its start-up lines are there already.
    expect(readFileSync(newsroom.services.drafting.logFile, 'utf8')).toContain('"service":"drafting"');
  });

  function sampleArticle(): Record<string, unknown> {
    const file = path.resolve(__dirname, '../tools/seed/articles/01-harwick-night-freight-ban.json');
    return JSON.parse(readFileSync(file, 'utf8').replaceAll('{{PUBLIC_BASE_URL}}', 'http://localhost:3003')) as Record<string, unknown>;
  }

  it('carries a submission through the outbox to the review inbox exactly once, and dead-letters an invalid event', async () => {
    const created = await newsroom.call<{ id: string }>('drafting', 'POST', '/v1/drafts', reporter, sampleArticle());
    expect(created.status).toBe(201);
    const articleId = created.body.id;
    const submitted = await newsroom.call('drafting', 'POST', `/v1/drafts/${articleId}/submit`, reporter);
    expect(submitted.status).toBe(202);

    // The state change and its event were written together; the relay marks the row once the broker acked it.
    const outboxRow = await eventually('the outbox row to be sent', async () => {
      const { rows } = await db.query(
        `SELECT event_id, payload, sent_at FROM drafting.outbox WHERE message_key = $1 AND event_type = 'news.article.submitted.v1'`,
        [articleId],
      );
      return rows[0]?.sent_at ? (rows[0] as { event_id: string; payload: Record<string, unknown> }) : undefined;
    });

    const review = await eventually('the review item', async () => {
      const response = await newsroom.call<{ status: string }>('editorial-review', 'GET', `/v1/reviews/${articleId}`, editor);
      return response.status === 200 ? response.body : undefined;
    });
    expect(review.status).toBe('pending');
    const inbox = await db.query(`SELECT consumer, event_type FROM editorial_review.inbox WHERE event_id = $1`, [outboxRow.event_id]);
    expect(inbox.rows).toEqual([{ consumer: 'editorial-review', event_type: 'news.article.submitted.v1' }]);
    const reviewCount = async () => Number((await db.query(`SELECT count(*) FROM editorial_review.review_submissions`)).rows[0].count);
    const submissionsBefore = await reviewCount().catch(() => undefined);

    // Redeliver the same event, then an invalid one with the same key (same partition, so it is handled after).
    const kafka = new Kafka({ clientId: 'e2e-plumbing', brokers: newsroom.broker.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const invalid = { ...outboxRow.payload, id: '7d1c3c52-55e8-4d43-9a43-2a4f5f0f6e11', data: { articleId, revision: 'one' } };
    await producer.send({
      topic: TOPICS.drafting,
      acks: -1,
      messages: [
        { key: articleId, value: JSON.stringify(outboxRow.payload) },
        { key: articleId, value: JSON.stringify(invalid) },
      ],
    });
    await producer.disconnect();

    const dead = await readDeadLetters(kafka, deadLetterTopicOf(TOPICS.drafting), articleId);
    expect(dead.headers['x-dlq-error']).toMatch(/data\.revision/);
    expect(dead.headers['x-dlq-consumer']).toBe('editorial-review');
    expect(JSON.parse(dead.value).id).toBe(invalid.id);

    // The duplicate came before the invalid event on the same partition, so it has been handled: no second effect.
    const inboxAfter = await db.query(`SELECT count(*)::int AS n FROM editorial_review.inbox WHERE event_id = $1`, [outboxRow.event_id]);
    expect(inboxAfter.rows[0].n).toBe(1);
    if (submissionsBefore !== undefined) expect(await reviewCount()).toBe(submissionsBefore);
    const reviewAfter = await newsroom.call<{ status: string }>('editorial-review', 'GET', `/v1/reviews/${articleId}`, editor);
    expect(reviewAfter.body.status).toBe('pending');
  });
});

async function readDeadLetters(kafka: Kafka, topic: string, key: string): Promise<{ value: string; headers: Record<string, string> }> {
  const consumer = kafka.consumer({ groupId: `e2e-dlq-reader-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing arrived on ${topic}`)), 60_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key?.toString() !== key) return;
          clearTimeout(timer);
          resolve({ value: message.value?.toString() ?? '', headers: decodeHeaders(message.headers ?? {}) });
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

function decodeHeaders(headers: IHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(Array.isArray(value) ? value[0] : value)]));
}
