/**
 * PostgreSQL crashing under the services: drafting and editorial review run as
 * processes on a private PostgreSQL of this suite (the machine's server on
 * 5432 is shared and is never restarted by a test), which is shut down
 * immediately (SIGQUIT, as in a crash) while submissions are half-way through
 * their transactions and an event is being consumed, then started again.
 */
import { randomUUID } from 'node:crypto';
import { TOPICS, type NewsroomEvent } from '@newsroom/contracts';
import { TestEventBus } from '@newsroom/test-harness';
import { startPrivatePostgres, type PrivatePostgres, type ServiceName } from '@newsroom/testing';
import type { Admin } from 'kafkajs';
import type { Client } from 'pg';
import { NewsroomUnderTest, eventually } from '../support/newsroom-under-test';
import {
  connect,
  countLogged,
  createDraft,
  describeOnKafka,
  editor,
  groupCaughtUp,
  kafkaAdmin,
  reporter,
  serviceLog,
  sessionsBlockedBy,
  submitNewDraft,
} from './support/process-faults';

jest.setTimeout(180_000);

const SERVICES: ServiceName[] = ['drafting', 'editorial-review'];
/** Submissions held mid-transaction at the crash; well under the services' pool of 10 connections. */
const IN_FLIGHT_SUBMISSIONS = 5;

describeOnKafka('PostgreSQL restarted under the services', () => {
  let postgres: PrivatePostgres;
  let newsroom: NewsroomUnderTest;
  let db: Client;
  let bus: TestEventBus;
  let admin: Admin;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    newsroom = await NewsroomUnderTest.start(SERVICES, { adminUrl: postgres.url });
    db = await connect(newsroom.db.url);
    bus = new TestEventBus(newsroom.broker.brokers);
    admin = kafkaAdmin(newsroom);
    await admin.connect();
  });

  afterAll(async () => {
    await bus?.close();
    await admin?.disconnect();
    await db?.end().catch(() => undefined);
    await newsroom?.stop();
    await postgres?.stop();
  });

  const readiness = async (service: ServiceName) => (await fetch(newsroom.url(service, '/health/ready'))).status;

  it('keeps every state change with its outbox row, recovers by itself, and shows the outage on /health/ready', async () => {
    // A submitted event already sent, to copy for an event that arrives during the outage.
    const sample = await submitNewDraft(newsroom, 'Submitted before the outage');
    const template = await eventually('the first event to be sent', async () => {
      const { rows } = await db.query<{ payload: NewsroomEvent }>(
        `SELECT payload FROM drafting.outbox WHERE message_key = $1 AND sent_at IS NOT NULL`,
        [sample],
      );
      return rows[0]?.payload;
    });
    const drafts = await Promise.all(Array.from({ length: IN_FLIGHT_SUBMISSIONS }, (_, i) => createDraft(newsroom, `Submitted as the database died ${i}`)));
    const arriving = await createDraft(newsroom, 'Its event arrives while the database is down');
    // Review's consumer is in its group and has read what was sent before the crash: the event
    // sent during the outage is then the next thing it reads, not waiting on a rebalance (the
    // broker cluster of this stage has just had brokers killed by the suites before this one).
    await eventually('editorial review to have read the topic', () => groupCaughtUp(admin, 'editorial-review', TOPICS.drafting), { timeoutMs: 60_000 });

    // Hold every submission mid-transaction: the outbox insert waits for the test's table lock.
    const locker = await connect(newsroom.db.url);
    locker.on('error', () => undefined); // the crash ends this session too
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE drafting.outbox IN EXCLUSIVE MODE');
    const answered = new Map<string, unknown>();
    const submissions = drafts.map((id) =>
      newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter).then((answer) => {
        answered.set(id, { status: answer.status, body: answer.body });
        return answer;
      }),
    );
    // Counted by what they wait to do: any other session the lock happens to hold up (a
    // maintenance statement, say) is not a submission and neither helps nor hinders.
    const waitingToRecord = async () => (await sessionsBlockedBy(locker)).filter((session) => /insert\s+into\s+("?drafting"?\.)?"?outbox"?/i.test(session.query));
    await eventually('every submission to be waiting inside its transaction', async () => (await waitingToRecord()).length === drafts.length).catch(async (error: Error) => {
      const blocked = await sessionsBlockedBy(locker);
      throw new Error(
        `${error.message}; sessions held up by the lock: ${JSON.stringify(blocked)}; submissions already answered: ${JSON.stringify([...answered])}`,
      );
    });

    await db.end();
    await postgres.crash();
    const answers = await Promise.all(submissions);
    expect(answers.map((answer) => answer.status).filter((status) => status === 202)).toEqual([]);
    for (const service of SERVICES) await eventually(`${service} to report the outage`, async () => (await readiness(service)) === 503);

    // An event for editorial review while its database is down: it must wait for the database, not be dead-lettered.
    const event = { ...template, id: randomUUID(), subject: arriving, data: { ...template.data, articleId: arriving } } as NewsroomEvent;
    await bus.produce(TOPICS.drafting, event);
    const failed = () =>
      countLogged(newsroom, 'editorial-review', 'event handler failed; retrying', event.id) +
      countLogged(newsroom, 'editorial-review', 'database unavailable; the event waits for it', event.id);
    const deadLettered = () => countLogged(newsroom, 'editorial-review', 'dead-lettering an event that cannot be processed', event.id);
    // Down for longer than all of a failing event's retries (5 attempts) take.
    await eventually('the event to be tried and retried', () => failed() >= 5 || deadLettered() > 0, { timeoutMs: 30_000 }).catch((error: Error) => {
      // Say what review's consumer was doing instead: its warnings and errors since the crash.
      const lines = serviceLog(newsroom, 'editorial-review')
        .filter((line) => typeof line.level === 'string' && ['warn', 'error'].includes(line.level))
        .slice(-15)
        .map((line) => JSON.stringify(line));
      throw new Error(`${error.message}; editorial review's last warnings:\n${lines.join('\n')}`);
    });

    await postgres.start();
    for (const service of SERVICES) {
      await eventually(`${service} to be ready again by itself`, async () => (await readiness(service)) === 200, { timeoutMs: 60_000 });
    }
    db = await connect(newsroom.db.url);

    // No state change without its event, no event without its state change.
    const { rows } = await db.query<{ id: string; status: string; events: number }>(
      `SELECT d.id, d.status, count(o.seq)::int AS events
       FROM drafting.drafts d
       LEFT JOIN drafting.outbox o ON o.message_key = d.id::text AND o.event_type = 'news.article.submitted.v1'
       GROUP BY d.id, d.status`,
    );
    expect(rows.filter((row) => (row.status === 'submitted' ? row.events !== 1 : row.events !== 0))).toEqual([]);
    expect(rows.filter((row) => drafts.includes(row.id)).map((row) => row.status)).toEqual(drafts.map(() => 'draft'));

    // Everything works again without a restart: the lost submissions go through when retried.
    for (const id of drafts) {
      expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter)).status).toBe(202);
    }
    for (const id of [...drafts, arriving]) {
      await eventually(`the review of ${id}`, async () => (await newsroom.call('editorial-review', 'GET', `/v1/reviews/${id}`, editor)).status === 200);
    }
    expect(deadLettered()).toBe(0);
  });
});
