import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { UnitOfWork } from '@newsroom/persistence';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { notificationsTestbed } from '../../../test/notifications-testbed';
import { holdUntil, type QuietHours } from '../../subscriptions/domain/quiet-hours';
import { DeliveryRepository } from './delivery.repository';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe(DeliveryRepository.name, () => {
  let testbed: UseCaseTestbed;
  let deliveries: DeliveryRepository;

  /** `count` email deliveries of one article, pending and due `dueInMs` from now (negative: overdue); returns their ids. */
  async function pending(count: number, dueInMs = -1000): Promise<string[]> {
    const articleId = randomUUID();
    await testbed.query(`INSERT INTO article_alerts (article_id, revision, headline, url, section, priority) VALUES ($1, 1, 'h', 'https://news.example.test/a', 'politics', 'normal')`, [
      articleId,
    ]);
    const rows = await testbed.query<{ id: string }>(
      `WITH s AS (
         INSERT INTO subscribers (id, email, status) SELECT gen_random_uuid(), gen_random_uuid() || '@example.com', 'confirmed' FROM generate_series(1, $2) RETURNING id
       )
       INSERT INTO deliveries (article_id, channel, subscriber_id, next_attempt_at)
       SELECT $1, 'email', s.id, now() + ($3 || ' milliseconds')::interval FROM s RETURNING id::text`,
      [articleId, count, dueInMs],
    );
    return rows.map((row) => row.id).sort((a, b) => Number(a) - Number(b));
  }
  const statuses = async (ids: string[]) =>
    (await testbed.query<{ id: string; status: string; claimed_by: string | null; attempts: number }>(`SELECT id::text, status, claimed_by, attempts FROM deliveries WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]));

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_delivery_repo'));
    deliveries = testbed.get(DeliveryRepository);
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => testbed.reset());

  describe('claimDue', () => {
    it('marks due pending deliveries sending for the worker, oldest due first, up to the limit', async () => {
      const older = await pending(2, -60_000);
      const newer = await pending(2, -1_000);
      const notYet = await pending(1, 60_000);

      const claimed = await deliveries.claimDue(A, 3);

      expect(claimed).toEqual([...older, newer[0]]);
      expect(await statuses(claimed)).toEqual(claimed.map((id) => ({ id, status: 'sending', claimed_by: A, attempts: 1 })));
      expect(await statuses([newer[1], ...notYet])).toEqual([
        { id: newer[1], status: 'pending', claimed_by: null, attempts: 0 },
        { id: notYet[0], status: 'pending', claimed_by: null, attempts: 0 },
      ]);
    });

    it('never hands the same delivery to two workers claiming at once', async () => {
      const ids = await pending(40);
      const [byA, byB] = await Promise.all([deliveries.claimDue(A, 25), deliveries.claimDue(B, 25)]);
      expect(byA.filter((id) => byB.includes(id))).toEqual([]);
      expect([...byA, ...byB].sort((a, b) => Number(a) - Number(b))).toEqual(ids);
    });

    it('skips a delivery another transaction holds locked instead of waiting for it', async () => {
      const [locked, free] = await pending(2);
      const other = new Client({ connectionString: testbed.db.url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(`SELECT 1 FROM notifications.deliveries WHERE id = $1 FOR UPDATE`, [locked]);
        expect(await deliveries.claimDue(A, 5)).toEqual([free]);
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        await other.end();
      }
      expect(await deliveries.claimDue(A, 5)).toEqual([locked]);
    });

    it('never claims a delivery in any other status', async () => {
      const ids = await pending(4);
      await testbed.query(`UPDATE deliveries SET status = s.status FROM (SELECT unnest($1::bigint[]) AS id, unnest(ARRAY['sent', 'failed', 'cancelled', 'unknown']) AS status) s WHERE deliveries.id = s.id`, [ids]);
      expect(await deliveries.claimDue(A, 10)).toEqual([]);
    });
  });

  describe('markAbandoned', () => {
    const LIMITS = { maxResends: 2, maxAttempts: 5 };
    const NOTES = { resent: 'worker gone; re-sent', givenUp: 'worker gone; given up' };

    it("queues a gone worker's sending deliveries to be re-sent, logging an unknown attempt, and touches nothing else", async () => {
      const ids = await pending(3);
      const byA = await deliveries.claimDue(A, 2);
      const byB = await deliveries.claimDue(B, 1);

      const abandoned = await deliveries.markAbandoned(A, LIMITS, NOTES);

      expect(abandoned.map((d) => [d.id, d.resent, d.attempt]).sort()).toEqual(byA.map((id) => [id, true, 1]).sort());
      expect((await statuses(ids)).map((row) => row.status)).toEqual(['pending', 'pending', 'sending']);
      expect(byB).toEqual([ids[2]]);
      expect(await testbed.query(`SELECT delivery_id::text, attempt, outcome, error FROM delivery_attempts ORDER BY delivery_id`)).toEqual(
        byA.map((id) => ({ delivery_id: id, attempt: 1, outcome: 'unknown', error: 'worker gone; re-sent' })),
      );
      // Due again at once, and claimed again as the next attempt.
      expect((await deliveries.claimDue(B, 5)).sort()).toEqual([...byA].sort());
    });

    it('ends a delivery unknown once its re-sends after unknown outcomes are used up', async () => {
      const [id] = await pending(1);
      const outcomes: boolean[] = [];
      for (let crash = 0; crash <= LIMITS.maxResends; crash += 1) {
        expect(await deliveries.claimDue(A, 1)).toEqual([id]);
        outcomes.push(...(await deliveries.markAbandoned(A, LIMITS, NOTES)).map((d) => d.resent));
      }
      expect(outcomes).toEqual([true, true, false]);
      expect((await statuses([id]))[0].status).toBe('unknown');
      expect(await testbed.query(`SELECT attempt, error FROM delivery_attempts ORDER BY id`)).toEqual([
        { attempt: 1, error: NOTES.resent },
        { attempt: 2, error: NOTES.resent },
        { attempt: 3, error: NOTES.givenUp },
      ]);
      expect(await deliveries.claimDue(A, 1)).toEqual([]);
    });

    it('lists the workers holding sending deliveries, other than the one asking', async () => {
      await pending(2);
      await deliveries.claimDue(A, 1);
      await deliveries.claimDue(B, 1);
      expect(await deliveries.workersWithSendingDeliveries(A)).toEqual([B]);
    });
  });

  it('records an outcome only inside a unit of work (the attempt row must go with it)', async () => {
    const [id] = await pending(1);
    await deliveries.claimDue(A, 1);
    const claimed = await deliveries.findClaimed(id, A);
    expect(claimed).not.toBeNull();
    await expect(deliveries.recordOutcome(claimed!, A, new Date(), { status: 'sent', responseCode: 250 })).rejects.toThrow(/UnitOfWork/);
    expect((await statuses([id]))[0].status).toBe('sending');
  });

  describe('a retry and its recipient\'s quiet hours', () => {
    /** HH:MM on the UTC clock, `minutes` from `at`. */
    const clock = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString().slice(11, 16);
    const retryAt = new Date(Date.now() + 10 * 60_000);
    const quiet: QuietHours = { start: clock(retryAt, -60), end: clock(retryAt, 60) };

    /** Claims `ids` for worker A after giving their recipients `quietHours` (UTC) and the deliveries `urgency`. */
    async function claimedWith(ids: string[], quietHours: QuietHours | null, urgency: number): Promise<void> {
      await testbed.query(
        `UPDATE subscribers s SET time_zone = 'UTC', quiet_hours_start = $2::time, quiet_hours_end = $3::time
         FROM deliveries d WHERE d.subscriber_id = s.id AND d.id = ANY($1::bigint[])`,
        [ids, quietHours?.start ?? null, quietHours?.end ?? null],
      );
      await testbed.query(`UPDATE deliveries SET urgency = $2 WHERE id = ANY($1::bigint[])`, [ids, urgency]);
      expect((await deliveries.claimDue(A, ids.length)).sort()).toEqual([...ids].sort());
    }
    const nextAttempts = async (ids: string[]) =>
      (await testbed.query<{ next_attempt_at: Date }>(`SELECT next_attempt_at FROM deliveries WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids])).map((row) =>
        row.next_attempt_at.toISOString(),
      );
    const retry = { status: 'pending' as const, nextAttemptAt: retryAt, error: '421 try later', responseCode: 421 };

    it('waits for the end of quiet hours, as the first attempt did (holdUntil is the reference)', async () => {
      const ids = await pending(2);
      await claimedWith(ids, quiet, 1);
      const expected = holdUntil('normal', retryAt, 'UTC', quiet);
      expect(expected).not.toBeNull();
      await deliveries.recordOutcomes(A, [{ delivery: { id: ids[0], attempt: 1 }, startedAt: new Date(), finishedAt: new Date(), outcome: retry }]);
      const claimed = await deliveries.findClaimed(ids[1], A);
      await testbed.get(UnitOfWork).run(() => deliveries.recordOutcome(claimed!, A, new Date(), retry));
      expect(await nextAttempts(ids)).toEqual([expected!.toISOString(), expected!.toISOString()]);
    });

    it('goes when the retry policy says for a breaking alert, or a recipient without quiet hours', async () => {
      const breaking = await pending(1);
      await claimedWith(breaking, quiet, 0);
      const ordinary = await pending(1);
      await claimedWith(ordinary, null, 1);
      const ids = [...breaking, ...ordinary];
      await deliveries.recordOutcomes(
        A,
        ids.map((id) => ({ delivery: { id, attempt: 1 }, startedAt: new Date(), finishedAt: new Date(), outcome: retry })),
      );
      expect(await nextAttempts(ids)).toEqual([retryAt.toISOString(), retryAt.toISOString()]);
    });
  });

  describe('recordOutcomesAndClaim', () => {
    const sent = { status: 'sent' as const, responseCode: 250 };
    const outcome = (id: string) => ({ delivery: { id, attempt: 1 }, startedAt: new Date(), finishedAt: new Date(), outcome: sent });
    const attemptRows = async (ids: string[]) =>
      (await testbed.query<{ delivery_id: string; outcome: string }>(`SELECT delivery_id::text, outcome FROM delivery_attempts WHERE delivery_id = ANY($1::bigint[]) ORDER BY delivery_id`, [ids]));

    it('records the outcomes and claims as many due deliveries of the lane as asked, in one commit', async () => {
      const ids = await pending(6);
      const finished = await deliveries.claimDue(A, 2);

      const claimed = await deliveries.recordOutcomesAndClaim(A, finished.map(outcome), { email: 2 });

      expect(claimed.map((delivery) => delivery.id)).toEqual(ids.slice(2, 4));
      expect(claimed.every((delivery) => delivery.channel === 'email' && delivery.attempt === 1 && delivery.email !== null && delivery.alert.headline === 'h')).toBe(true);
      expect(await statuses(ids)).toEqual([
        ...finished.map((id) => ({ id, status: 'sent', claimed_by: A, attempts: 1 })),
        ...ids.slice(2, 4).map((id) => ({ id, status: 'sending', claimed_by: A, attempts: 1 })),
        ...ids.slice(4).map((id) => ({ id, status: 'pending', claimed_by: null, attempts: 0 })),
      ]);
      expect(await attemptRows(ids)).toEqual(finished.map((id) => ({ delivery_id: id, outcome: 'sent' })));
    });

    it('claims nothing when asked for none, or for another lane with nothing due', async () => {
      const ids = await pending(3);
      const finished = await deliveries.claimDue(A, 1);

      expect(await deliveries.recordOutcomesAndClaim(A, finished.map(outcome), {})).toEqual([]);
      expect(await deliveries.recordOutcomesAndClaim(A, [outcome(ids[1])], { push: 5 })).toEqual([]);

      expect(await statuses(ids)).toEqual([
        { id: ids[0], status: 'sent', claimed_by: A, attempts: 1 },
        ...ids.slice(1).map((id) => ({ id, status: 'pending', claimed_by: null, attempts: 0 })),
      ]);
    });

    it('gives a delivery queued again by a sweep its late outcome instead of claiming it', async () => {
      const ids = await pending(2);
      await deliveries.claimDue(A, 1);
      // As markAbandoned leaves a re-queued row: pending, due at once, still naming the worker it was taken from.
      await testbed.query(`UPDATE deliveries SET status = 'pending', next_attempt_at = now() - interval '1 second' WHERE id = $1`, [ids[0]]);

      const claimed = await deliveries.recordOutcomesAndClaim(A, [outcome(ids[0])], { email: 2 });

      expect(claimed.map((delivery) => delivery.id)).toEqual([ids[1]]);
      expect(await statuses(ids)).toEqual([
        { id: ids[0], status: 'sent', claimed_by: A, attempts: 1 },
        { id: ids[1], status: 'sending', claimed_by: A, attempts: 1 },
      ]);
    });

    it('never hands the same delivery to two workers refilling at once', async () => {
      const ids = await pending(30);
      const [finishedA, finishedB] = [await deliveries.claimDue(A, 2), await deliveries.claimDue(B, 2)];
      const [byA, byB] = await Promise.all([
        deliveries.recordOutcomesAndClaim(A, finishedA.map(outcome), { email: 13 }),
        deliveries.recordOutcomesAndClaim(B, finishedB.map(outcome), { email: 13 }),
      ]);
      const claimedIds = [...byA, ...byB].map((delivery) => delivery.id);
      expect(new Set(claimedIds).size).toBe(26);
      expect(claimedIds.filter((id) => [...finishedA, ...finishedB].includes(id))).toEqual([]);
      expect((await statuses(ids)).filter((row) => row.status === 'sending')).toHaveLength(26);
    });
  });
});
