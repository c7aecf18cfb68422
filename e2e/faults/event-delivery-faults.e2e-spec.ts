/**
 * Process faults on the event path between two real services, run as
 * processes from dist/ on a real Kafka node and PostgreSQL: drafting commits a
 * draft and its `submitted` event together, its outbox relay sends the event,
 * editorial review applies it once through its inbox. The tests kill (SIGKILL)
 * or stop (SIGTERM) the processes at chosen points and check that no event is
 * lost and none takes effect twice.
 *
 * The points are reached with database locks, not timing: the relay's leader
 * lease held by the test keeps a committed event unsent; a row lock on the
 * outbox row holds the relay after the broker acknowledged and before it marks
 * the row; a table lock on the consumer's inbox makes a handler outlast the
 * consumer group's session timeout.
 */
import { TOPICS } from '@newsroom/contracts';
import { TestEventBus, type ReceivedMessage } from '@newsroom/test-harness';
import type { Admin } from 'kafkajs';
import type { Client } from 'pg';
import { NewsroomUnderTest, eventually } from '../support/newsroom-under-test';
import {
  connect,
  countLogged,
  describeOnKafka,
  editor,
  groupCaughtUp,
  holdLease,
  kafkaAdmin,
  sessionsBlockedBy,
  submitNewDraft,
  tableDigest,
} from './support/process-faults';

jest.setTimeout(180_000);

const REVIEW_GROUP = 'editorial-review';
const REVIEW_TABLES = ['review_items', 'review_submissions', 'review_comments', 'review_decisions', 'inbox', 'outbox'] as const;

describeOnKafka('process faults between producer and consumer (drafting → editorial review)', () => {
  let newsroom: NewsroomUnderTest;
  let db: Client;
  let admin: Admin;
  let bus: TestEventBus;
  let onTopic: ReceivedMessage[];

  beforeAll(async () => {
    newsroom = await NewsroomUnderTest.start(['drafting', 'editorial-review']);
    db = await connect(newsroom.db.url);
    admin = kafkaAdmin(newsroom);
    await admin.connect();
    bus = new TestEventBus(newsroom.broker.brokers);
    onTopic = await bus.collect(TOPICS.drafting);
  });

  afterAll(async () => {
    await bus?.close();
    await admin?.disconnect();
    await db?.end();
    await newsroom?.stop();
  });

  async function submittedEventOf(articleId: string): Promise<{ event_id: string; sent_at: Date | null }> {
    const { rows } = await db.query<{ event_id: string; sent_at: Date | null }>(
      `SELECT event_id, sent_at FROM drafting.outbox WHERE message_key = $1 AND event_type = 'news.article.submitted.v1'`,
      [articleId],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  const deliveriesOnTopic = (eventId: string) => onTopic.filter((message) => message.event?.id === eventId).length;

  async function count(sql: string, params: unknown[]): Promise<number> {
    return Number((await db.query<{ n: string }>(sql, params)).rows[0].n);
  }

  /** How often editorial review applied the event, by its inbox and by the rows it made. */
  async function effectsOf(articleId: string, eventId: string) {
    return {
      inbox: await count(`SELECT count(*) AS n FROM editorial_review.inbox WHERE event_id = $1`, [eventId]),
      submissions: await count(`SELECT count(*) AS n FROM editorial_review.review_submissions WHERE article_id = $1`, [articleId]),
      reviewItems: await count(`SELECT count(*) AS n FROM editorial_review.review_items WHERE article_id = $1`, [articleId]),
      applied: countLogged(newsroom, 'editorial-review', 'event applied', eventId),
    };
  }

  async function reviewExists(articleId: string): Promise<boolean> {
    const response = await newsroom.call('editorial-review', 'GET', `/v1/reviews/${articleId}`, editor);
    return response.status === 200;
  }

  it('delivers an event committed just before its producer was killed, once in effect, after the restart', async () => {
    // Hold the relay: drafting's relay is a leader loop; with the test holding its lease it stands by.
    await newsroom.kill('drafting');
    const lease = await holdLease(db, 'outbox-relay', 'drafting');
    await newsroom.restart('drafting');

    const articleId = await submitNewDraft(newsroom, 'Committed, then the producer died');
    const committed = await submittedEventOf(articleId);
    expect(committed.sent_at).toBeNull();

    await newsroom.kill('drafting'); // between the commit and any send
    await newsroom.restart('drafting');
    await lease.release();

    await eventually('the review item of the event committed before the kill', () => reviewExists(articleId));
    await eventually('the outbox row to be marked sent', async () => (await submittedEventOf(articleId)).sent_at !== null);
    await eventually('the event on the topic', () => deliveriesOnTopic(committed.event_id) > 0);
    expect(await effectsOf(articleId, committed.event_id)).toEqual({ inbox: 1, submissions: 1, reviewItems: 1, applied: 1 });
  });

  it('absorbs the second send of an event whose relay died after the broker acknowledged it and before marking it sent', async () => {
    await newsroom.kill('drafting');
    const lease = await holdLease(db, 'outbox-relay', 'drafting');
    await newsroom.restart('drafting');
    const articleId = await submitNewDraft(newsroom, 'Acknowledged, then the relay died');
    const { event_id: eventId } = await submittedEventOf(articleId);

    // A row lock on the outbox row: the relay can read and send it, but its "mark sent" UPDATE waits.
    const rowLock = await connect(newsroom.db.url);
    try {
      await rowLock.query('BEGIN');
      await rowLock.query(`SELECT seq FROM drafting.outbox WHERE event_id = $1 FOR UPDATE`, [eventId]);
      await lease.release();

      await eventually('the first delivery to be applied by editorial review', () => reviewExists(articleId));
      const waitingToMark = await eventually('the relay to wait to mark the row sent', async () => {
        const pids = (await sessionsBlockedBy(rowLock)).map((session) => session.pid);
        return pids.length > 0 ? pids : undefined;
      });
      await newsroom.kill('drafting');
      // The killed process's statement is still queued in the server; a crash loses it, so end it as one would.
      await db.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [waitingToMark]);
    } finally {
      await rowLock.query('ROLLBACK');
      await rowLock.end();
    }
    expect((await submittedEventOf(articleId)).sent_at).toBeNull();

    await newsroom.restart('drafting'); // the relay sends the unmarked row again
    await eventually('the second send to be marked', async () => (await submittedEventOf(articleId)).sent_at !== null);
    await eventually('both sends on the topic', () => deliveriesOnTopic(eventId) === 2);
    // Offsets are committed once an event is handled: caught up means the second send was handled too.
    await eventually('editorial review to handle the second send', () => groupCaughtUp(admin, REVIEW_GROUP, TOPICS.drafting));
    expect(await effectsOf(articleId, eventId)).toEqual({ inbox: 1, submissions: 1, reviewItems: 1, applied: 1 });
    expect(countLogged(newsroom, 'editorial-review', 'duplicate event ignored', eventId)).toBe(1);
  });

  it('does not loop on an event whose handler outlasts the session timeout', async () => {
    const memberIds = async () => (await admin.describeGroups([REVIEW_GROUP])).groups[0].members.map((member) => member.memberId).join();
    const membersBefore = await memberIds();
    const tableLock = await connect(newsroom.db.url);
    let articleId = '';
    try {
      await tableLock.query('BEGIN');
      // The handler's first write (its inbox row) now waits: the handler is as slow as the test wants.
      await tableLock.query('LOCK TABLE editorial_review.inbox IN EXCLUSIVE MODE');
      articleId = await submitNewDraft(newsroom, 'A handler slower than the session timeout');
      await eventually('the handler to be stuck', async () => (await sessionsBlockedBy(tableLock)).length > 0);
      // The broker drops the silent member once its session times out (10 s).
      await eventually('the consumer group to drop its member', async () => (await memberIds()) !== membersBefore, {
        timeoutMs: 40_000,
        intervalMs: 250,
      });
    } finally {
      await tableLock.query('ROLLBACK');
      await tableLock.end();
    }
    const { event_id: slowEvent } = await submittedEventOf(articleId);
    await eventually('the slow event to be applied', () => reviewExists(articleId));

    // The consumer moves on: later events are applied, and the slow one is not seen again and again.
    const next = await submitNewDraft(newsroom, 'The event after the slow one');
    await eventually('the next event to be applied', () => reviewExists(next));
    const seen = () =>
      countLogged(newsroom, 'editorial-review', 'event applied', slowEvent) +
      countLogged(newsroom, 'editorial-review', 'duplicate event ignored', slowEvent);
    const seenAfterNext = seen();
    expect(seenAfterNext).toBeLessThanOrEqual(2);
    const third = await submitNewDraft(newsroom, 'And one more after that');
    await eventually('the third event to be applied', () => reviewExists(third));
    expect(seen()).toBe(seenAfterNext);
    expect(await effectsOf(articleId, slowEvent)).toEqual({ inbox: 1, submissions: 1, reviewItems: 1, applied: 1 });
  });

  it('loses nothing and applies nothing twice while the consumer is killed and stopped repeatedly under a stream of events', async () => {
    const articles: string[] = [];
    let producing = true;
    const produce = (async () => {
      for (let i = 0; producing && i < 300; i += 1) articles.push(await submitNewDraft(newsroom, `Stream story ${i}`));
    })();
    const applied = () => count(`SELECT count(*) AS n FROM editorial_review.review_submissions WHERE article_id = ANY($1::uuid[])`, [articles]);
    const duplicatesBefore = countLogged(newsroom, 'editorial-review', 'duplicate event ignored');
    try {
      for (const signal of ['SIGKILL', 'SIGTERM', 'SIGKILL'] as const) {
        // Restart only once this consumer has applied something more since its last start.
        const before = await applied();
        await eventually(`editorial review to apply events before the ${signal}`, async () => (await applied()) >= before + 3);
        await newsroom.kill('editorial-review', signal);
        await newsroom.restart('editorial-review');
      }
    } finally {
      producing = false;
      await produce;
    }
    await eventually(`all ${articles.length} submissions to be applied`, async () => (await applied()) === articles.length, { timeoutMs: 60_000 });
    const perArticle = await db.query<{ article_id: string; n: string }>(
      `SELECT article_id, count(*) AS n FROM editorial_review.review_submissions WHERE article_id = ANY($1::uuid[]) GROUP BY article_id HAVING count(*) <> 1`,
      [articles],
    );
    expect(perArticle.rows).toEqual([]);
    expect(await count(`SELECT count(*) AS n FROM editorial_review.review_items WHERE article_id = ANY($1::uuid[])`, [articles])).toBe(
      articles.length,
    );
    const inbox = await count(
      `SELECT count(*) AS n FROM editorial_review.inbox i JOIN drafting.outbox o ON o.event_id = i.event_id WHERE o.message_key = ANY($1::text[])`,
      [articles],
    );
    expect(inbox).toBe(articles.length);
    // Reported, not asserted: how many redeliveries the inbox absorbed in this run.
    console.info(
      `${articles.length} events through 3 consumer restarts; ${countLogged(newsroom, 'editorial-review', 'duplicate event ignored') - duplicatesBefore} redeliveries absorbed`,
    );
  });

  it('changes nothing when the consumer group is reset to the earliest offset', async () => {
    await eventually('editorial review to have read the whole topic', () => groupCaughtUp(admin, REVIEW_GROUP, TOPICS.drafting));
    await newsroom.kill('editorial-review', 'SIGTERM'); // a group's offsets can only be reset while it has no members
    const before = await tableDigest(db, 'editorial_review', REVIEW_TABLES);
    const events = await count(`SELECT count(*) AS n FROM editorial_review.inbox`, []);
    const duplicatesBefore = countLogged(newsroom, 'editorial-review', 'duplicate event ignored');

    await eventually('the offsets to be reset', async () => {
      await admin.resetOffsets({ groupId: REVIEW_GROUP, topic: TOPICS.drafting, earliest: true });
      return !(await groupCaughtUp(admin, REVIEW_GROUP, TOPICS.drafting));
    });
    await newsroom.restart('editorial-review');
    await eventually('editorial review to read the whole topic again', () => groupCaughtUp(admin, REVIEW_GROUP, TOPICS.drafting), {
      timeoutMs: 60_000,
    });

    expect(await tableDigest(db, 'editorial_review', REVIEW_TABLES)).toEqual(before);
    // Every event was read again and recognised (events that were sent twice are read twice).
    expect(countLogged(newsroom, 'editorial-review', 'duplicate event ignored') - duplicatesBefore).toBeGreaterThanOrEqual(events);
  });
});
