import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { notificationsTestbed, resetNotifications } from '../../test/notifications-testbed';
import { MergeSameMailboxSubscribers1764300400000 } from './1764300400000-merge-same-mailbox-subscribers';

describe(MergeSameMailboxSubscribers1764300400000.name, () => {
  let testbed: UseCaseTestbed;

  beforeAll(async () => {
    testbed = await UseCaseTestbed.start(notificationsTestbed('notif_merge_mailboxes'));
  }, 60_000);
  afterAll(() => testbed?.close());
  beforeEach(() => resetNotifications(testbed));

  /** A subscriber row as the code before this migration stored it (address as typed). */
  const subscriber = async (email: string, status: string, sections: string[], createdAt: string, breakingOnly = false) => {
    const id = randomUUID();
    await testbed.query(
      `INSERT INTO subscribers (id, email, status, sections, breaking_only, confirmed_at, created_at) VALUES ($1, $2, $3, $4, $5, CASE WHEN $3 = 'confirmed' THEN $6::timestamptz END, $6)`,
      [id, email, status, sections, breakingOnly, createdAt],
    );
    return id;
  };
  const alerted = async (articleId: string, subscriberId: string, attempts: number) => {
    const [{ id }] = await testbed.query<{ id: string }>(`INSERT INTO deliveries (article_id, channel, subscriber_id, status) VALUES ($1, 'email', $2, 'sent') RETURNING id`, [articleId, subscriberId]);
    for (let n = 1; n <= attempts; n += 1) {
      await testbed.query(`INSERT INTO delivery_attempts (delivery_id, attempt, started_at, finished_at, outcome) VALUES ($1, $2, now(), now(), 'sent')`, [id, n]);
    }
  };
  const migrate = async () => {
    const runner = testbed.get(DataSource).createQueryRunner();
    try {
      await runner.startTransaction();
      await new MergeSameMailboxSubscribers1764300400000().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
  };

  it('merges the spellings of one mailbox into the confirmed subscriber, keeping every delivery and attempt', async () => {
    const [shared, onlyOther] = [randomUUID(), randomUUID()];
    for (const articleId of [shared, onlyOther]) await testbed.query(`INSERT INTO article_alerts (article_id, headline) VALUES ($1, 'x')`, [articleId]);
    const pending = await subscriber('x@bu\u0308cher.example', 'pending', ['world'], '2026-01-01T00:00:00Z');
    const unicode = await subscriber('x@bücher.example', 'confirmed', ['politics'], '2026-01-02T00:00:00Z');
    const ascii = await subscriber('X@XN--BCHER-KVA.example', 'confirmed', ['climate'], '2026-01-03T00:00:00Z', true);
    const stranger = await subscriber('Other@Example.COM', 'confirmed', ['politics'], '2026-01-04T00:00:00Z');
    await alerted(shared, unicode, 1);
    await alerted(shared, ascii, 2);
    await alerted(onlyOther, ascii, 1);

    await migrate();

    expect(await testbed.query(`SELECT id, email, status, sections, breaking_only FROM subscribers ORDER BY created_at`)).toEqual([
      { id: unicode, email: 'x@xn--bcher-kva.example', status: 'confirmed', sections: ['climate', 'politics'], breaking_only: false },
      { id: stranger, email: 'Other@example.com', status: 'confirmed', sections: ['politics'], breaking_only: false },
    ]);
    expect(await testbed.query(`SELECT 1 FROM subscribers WHERE id IN ($1, $2)`, [pending, ascii])).toEqual([]);
    expect(
      await testbed.query(
        `SELECT d.article_id, d.subscriber_id, count(a.id)::int AS attempts FROM deliveries d LEFT JOIN delivery_attempts a ON a.delivery_id = d.id GROUP BY d.id ORDER BY attempts DESC`,
      ),
    ).toEqual([
      { article_id: shared, subscriber_id: unicode, attempts: 3 },
      { article_id: onlyOther, subscriber_id: unicode, attempts: 1 },
    ]);
  });

  it('changes nothing more when run on addresses already normal', async () => {
    const id = await subscriber('reader@example.com', 'confirmed', ['politics'], '2026-01-01T00:00:00Z');
    await migrate();
    expect(await testbed.query(`SELECT id, email, sections FROM subscribers`)).toEqual([{ id, email: 'reader@example.com', sections: ['politics'] }]);
  });
});
